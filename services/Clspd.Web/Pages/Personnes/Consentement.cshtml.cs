using Clspd.Consent.V1;
using Clspd.Web.Display;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Personnes;

/// <summary>
/// A person's informing and consent state per purpose, and recording an informing or a decision
/// (of the person, or of a legal representative of a minor) (CON-1 to CON-4).
/// </summary>
public sealed class ConsentementModel(Gateway.Services services, TimeProvider clock) : FormPage
{
    public static readonly Purpose[] Purposes = [Purpose.NamedDiscussion, Purpose.ProgrammeEnrolment, Purpose.DataProcessing];

    public static readonly Channel[] Channels = [Channel.InPerson, Channel.Letter, Channel.Phone, Channel.Other];

    public static readonly Decision[] Decisions = [Decision.Given, Decision.Refused];

    [FromRoute]
    public string SubjectRef { get; set; } = string.Empty;

    [FromQuery(Name = "groupe")]
    public string? GroupId { get; set; }

    public string NewRequestId { get; } = Guid.CreateVersion7().ToString();

    public IReadOnlyList<(Purpose Purpose, GetConsentStateResponse State)> States { get; private set; } = [];

    public Task OnGetAsync() => LoadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostInformationAsync(string requestId, string? partyRef, Channel channel, string noticeVersion)
    {
        var result = await SubmitAsync(async ct =>
        {
            var answer = await services.Consent.RecordInformingAsync(new RecordInformingRequest
            {
                RequestId = requestId, SubjectRef = SubjectRef, PartyRef = partyRef?.Trim() ?? string.Empty, Channel = channel,
                NoticeVersion = noticeVersion?.Trim() ?? string.Empty, InformedAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow()),
            }, cancellationToken: ct);
            services.Revisions.SawConsent(answer.Revision);
            Done = "Information enregistrée.";
        });
        await LoadAsync(HttpContext.RequestAborted);
        return result;
    }

    public async Task<IActionResult> OnPostDecisionAsync(string requestId, Purpose purpose, string? decisionGroupId, Decision decision, string? decidedByRef, string? evidence, string noticeVersion)
    {
        var result = await SubmitAsync(async ct =>
        {
            var answer = await services.Consent.RecordDecisionAsync(new RecordDecisionRequest
            {
                RequestId = requestId, SubjectRef = SubjectRef, Purpose = purpose, GroupId = decisionGroupId?.Trim() ?? string.Empty, Decision = decision,
                DecidedByRef = decidedByRef?.Trim() ?? string.Empty, Evidence = evidence?.Trim() ?? string.Empty, NoticeVersion = noticeVersion?.Trim() ?? string.Empty,
            }, cancellationToken: ct);
            services.Revisions.SawConsent(answer.Revision);
            Done = $"Décision enregistrée : {ConsentLabels.Decision(decision)} pour « {ConsentLabels.Purpose(purpose)} ».";
        });
        await LoadAsync(HttpContext.RequestAborted);
        return result;
    }

    /// <summary>
    /// Withdraws a consent in force (CON-4), by the person or the legal representative who gave it. The
    /// withdrawal's revision is kept for the session: every later page asks no older state.
    /// </summary>
    public async Task<IActionResult> OnPostRetraitAsync(string requestId, Purpose purpose, string? withdrawalGroupId, string? decidedByRef, string? evidence)
    {
        var result = await SubmitAsync(async ct =>
        {
            var answer = await services.Consent.WithdrawConsentAsync(new WithdrawConsentRequest
            {
                RequestId = requestId, SubjectRef = SubjectRef, Purpose = purpose, GroupId = withdrawalGroupId?.Trim() ?? string.Empty,
                DecidedByRef = decidedByRef?.Trim() ?? string.Empty, Evidence = evidence?.Trim() ?? string.Empty,
            }, cancellationToken: ct);
            services.Revisions.SawConsent(answer.Revision);
            Done = $"Consentement retiré pour « {ConsentLabels.Purpose(purpose)} » le {FrenchDates.When(answer.Decision?.DecidedAt)} : "
                   + "toute consultation demandée après ce retrait en tient compte (CON-4).";
        });
        await LoadAsync(HttpContext.RequestAborted);
        return result;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var states = new List<(Purpose, GetConsentStateResponse)>();
        foreach (var purpose in Purposes)
        {
            var request = new GetConsentStateRequest { SubjectRef = SubjectRef, Purpose = purpose, GroupId = purpose == Purpose.NamedDiscussion ? GroupId ?? string.Empty : string.Empty };
            states.Add((purpose, await services.Consent.GetConsentStateAsync(request, cancellationToken: ct)));
        }

        States = states;
    }
}
