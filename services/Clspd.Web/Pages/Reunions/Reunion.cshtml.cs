using Clspd.Records.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Reunions;

/// <summary>A meeting of a group: its agenda, its decisions and its closing (REC-9).</summary>
public sealed class ReunionModel(Gateway.Services services) : FormPage
{
    public static readonly MeetingDecision[] Decisions =
        [MeetingDecision.ContinueFollowUp, MeetingDecision.AdjustActions, MeetingDecision.ProposeClosure, MeetingDecision.Postpone];

    [FromRoute]
    public string GroupId { get; set; } = string.Empty;

    [FromRoute]
    public string MeetingId { get; set; } = string.Empty;

    public string NewRequestId { get; } = Guid.CreateVersion7().ToString();

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostOrdreDuJourAsync(string requestId, string caseId, string? sheet) => SubmitAsync(async ct =>
    {
        await services.Meetings.AddToAgendaAsync(new AddToAgendaRequest
        {
            RequestId = requestId, MeetingId = MeetingId, GroupId = GroupId, CaseId = caseId.Trim(), Sheet = sheet ?? string.Empty,
        }, cancellationToken: ct);
        Done = "Dossier inscrit à l'ordre du jour.";
    });

    public Task<IActionResult> OnPostDecisionAsync(string requestId, string caseId, MeetingDecision decision) => SubmitAsync(async ct =>
    {
        await services.Meetings.RecordMeetingDecisionAsync(new RecordMeetingDecisionRequest
        {
            RequestId = requestId, MeetingId = MeetingId, GroupId = GroupId, CaseId = caseId.Trim(), Decision = decision,
        }, cancellationToken: ct);
        Done = $"Décision enregistrée : {RecordLabels.Decision(decision)}.";
    });

    public Task<IActionResult> OnPostCloreAsync(string requestId) => SubmitAsync(async ct =>
    {
        var answer = await services.Meetings.CloseMeetingAsync(new CloseMeetingRequest { RequestId = requestId, MeetingId = MeetingId, GroupId = GroupId }, cancellationToken: ct);
        Done = $"Réunion close : {answer.AgendaItemsPurged} inscription(s) à l'ordre du jour purgée(s), {answer.DecisionsKept} décision(s) conservée(s).";
    });
}
