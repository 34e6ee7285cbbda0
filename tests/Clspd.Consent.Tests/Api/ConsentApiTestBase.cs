using Clspd.Consent.Tests.Domain;
using Clspd.Consent.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Consent.Tests.Api;

/// <summary>Helpers shared by the API tests: tokens, a published notice, subjects, informings, decisions.</summary>
public abstract class ConsentApiTestBase(ConsentHost host)
{
    protected ConsentHost HostFixture { get; } = host;

    protected ConsentService.ConsentServiceClient Consent => HostFixture.Consent;

    protected SubjectService.SubjectServiceClient Subjects => HostFixture.Subjects;

    protected NoticeService.NoticeServiceClient Notices => HostFixture.Notices;

    protected CallOptions As(string subject) => HostFixture.Issuer.As(subject);

    protected CallOptions Worker => As("worker");

    protected CallOptions Dpo => As("dpo");

    protected CallOptions Access => As("svc:access");

    protected CallOptions Records => As("svc:records");

    protected DateTimeOffset Now => HostFixture.Host.Clock.GetUtcNow();

    protected static string NewId() => Guid.NewGuid().ToString("N");

    protected async Task<string> PublishedNoticeAsync(string? councilId = null)
    {
        var draft = await Notices.CreateNoticeDraftAsync(new CreateNoticeDraftRequest
        {
            RequestId = NewId(), CouncilId = councilId ?? "council-" + NewId()[..8], Content = NoticeRulesTests.Complete(),
        }, Dpo);
        var published = await Notices.PublishNoticeAsync(new PublishNoticeRequest { RequestId = NewId(), NoticeId = draft.Notice.Id }, Dpo);
        return published.Notice.Id;
    }

    protected async Task<string> SubjectAsync(DateOnly? minorUntil = null, string[]? representatives = null, string[]? groups = null)
    {
        var subjectRef = "p-" + NewId()[..12];
        var request = new PutSubjectRequest { RequestId = NewId(), SubjectRef = subjectRef, LegalRepresentativeRefs = { representatives ?? [] }, GroupIds = { groups ?? [] } };
        if (minorUntil is { } until)
        {
            request.MinorUntil = new Google.Type.Date { Year = until.Year, Month = until.Month, Day = until.Day };
        }

        await Subjects.PutSubjectAsync(request, Records);
        return subjectRef;
    }

    protected async Task<RecordInformingResponse> InformAsync(string subjectRef, string notice, string? party = null, CallOptions? options = null, DateTimeOffset? at = null) =>
        await Consent.RecordInformingAsync(new RecordInformingRequest
        {
            RequestId = NewId(), SubjectRef = subjectRef, PartyRef = party ?? "", Channel = Channel.InPerson, NoticeVersion = notice,
            InformedAt = at is { } instant ? Timestamp.FromDateTimeOffset(instant) : null,
        }, options ?? Worker);

    protected static RecordDecisionRequest DecisionRequest(string subjectRef, string notice, Decision decision, string? by = null,
        Purpose purpose = Purpose.DataProcessing, string group = "") => new()
    {
        RequestId = NewId(), SubjectRef = subjectRef, Purpose = purpose, GroupId = group, Decision = decision, DecidedByRef = by ?? "",
        Evidence = "Formulaire signé n° F-2026-118", NoticeVersion = notice,
    };

    protected Task<RecordDecisionResponse> DecideAsync(string subjectRef, string notice, Decision decision, string? by = null,
        Purpose purpose = Purpose.DataProcessing, string group = "", CallOptions? options = null) =>
        Consent.RecordDecisionAsync(DecisionRequest(subjectRef, notice, decision, by, purpose, group), options ?? Worker).ResponseAsync;

    /// <summary>A subject of age, informed with a newly published notice, who consented to a named discussion in <paramref name="group"/>.</summary>
    protected async Task<(string Subject, string Notice)> ConsentedToNamedDiscussionAsync(string group = "g-1")
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();
        await InformAsync(subject, notice);
        await DecideAsync(subject, notice, Decision.Given, purpose: Purpose.NamedDiscussion, group: group);
        return (subject, notice);
    }

    protected Task<WithdrawConsentResponse> WithdrawAsync(string subjectRef, string? by = null, Purpose purpose = Purpose.DataProcessing, string group = "") =>
        Consent.WithdrawConsentAsync(new WithdrawConsentRequest
        {
            RequestId = NewId(), SubjectRef = subjectRef, Purpose = purpose, GroupId = group, DecidedByRef = by ?? "", Evidence = "Témoin : M. Garcia, éducateur",
        }, Worker).ResponseAsync;

    protected Task<GetConsentStateResponse> StateAsync(string subjectRef, Purpose purpose = Purpose.DataProcessing, string group = "", CallOptions? options = null,
        DateTimeOffset? at = null, DateTimeOffset? meetingAt = null) =>
        Consent.GetConsentStateAsync(new GetConsentStateRequest
        {
            SubjectRef = subjectRef, Purpose = purpose, GroupId = group,
            At = at is { } a ? Timestamp.FromDateTimeOffset(a) : null,
            MeetingAt = meetingAt is { } m ? Timestamp.FromDateTimeOffset(m) : null,
        }, options ?? Access).ResponseAsync;

    protected static void AssertRule(RpcException ex, StatusCode code, string ruleId)
    {
        Assert.Equal(code, ex.StatusCode);
        Assert.StartsWith(ruleId + ":", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(ruleId, ex.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);
    }

    protected static void AssertField(RpcException ex, string field)
    {
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == field);
    }
}
