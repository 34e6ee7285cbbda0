using Clspd.Records.V1;
using Clspd.Registry.V1;
using Clspd.Testing;
using Grpc.Core;

namespace Clspd.Records.Tests.Api;

/// <summary>
/// ACC-1, nothing leaks: a caller who may not see a case or a person gets, from every RPC that takes
/// its id, the same answer whether it exists or not — status, message and details — so that ids
/// cannot be enumerated.
/// </summary>
public sealed class ExistenceHiddenTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    /// <summary>The ids of one existing case (and its person, a meeting of its group) or of nothing at all.</summary>
    private sealed record Target(string CaseId, string SubjectRef, string GroupId, string MeetingId, string TargetGroupId);

    private static readonly Dictionary<string, Func<RecordsScenario, Target, CallOptions, Task>> Calls = new()
    {
        ["GetCase"] = (s, t, o) => s.Records.GetCaseAsync(new GetCaseRequest { CaseId = t.CaseId }, o).ResponseAsync,
        ["GetCase named"] = (s, t, o) => s.Records.GetCaseAsync(new GetCaseRequest { CaseId = t.CaseId, Named = true }, o).ResponseAsync,
        ["OpenCase"] = (s, t, o) => s.Records.OpenCaseAsync(new OpenCaseRequest { RequestId = RecordsScenario.NewId(), SubjectRef = t.SubjectRef, GroupId = t.GroupId }, o).ResponseAsync,
        ["RecordReferral"] = (s, t, o) => s.FollowUps.RecordReferralAsync(new RecordReferralRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = t.CaseId, Origin = ReferralOrigin.NationalEducation, Reasons = { ReferralReason.SchoolAbsenteeism },
        }, o).ResponseAsync,
        ["StartFollowUp"] = (s, t, o) => s.FollowUps.StartFollowUpAsync(new StartFollowUpRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = t.CaseId, ReferralId = "r-1", Programme = Programme.IndividualPreventionPath, PathReferentId = "p-1",
        }, o).ResponseAsync,
        ["SetFollowUpElements"] = (s, t, o) => s.FollowUps.SetFollowUpElementsAsync(new SetFollowUpElementsRequest { RequestId = RecordsScenario.NewId(), CaseId = t.CaseId, Text = "x" }, o).ResponseAsync,
        ["AddAction"] = (s, t, o) => s.Items.AddActionAsync(new AddActionRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = t.CaseId, Kind = ActionKind.SchoolSupport, StartDate = RecordsScenario.Date(RecordsScenario.Today),
        }, o).ResponseAsync,
        ["CompleteAction"] = (s, t, o) => s.Items.CompleteActionAsync(new CompleteActionRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = t.CaseId, ActionId = "a-1", Result = ActionResult.Achieved, EndDate = RecordsScenario.Date(RecordsScenario.Today),
        }, o).ResponseAsync,
        ["AddJudicialMeasure"] = (s, t, o) => s.Items.AddJudicialMeasureAsync(new AddJudicialMeasureRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = t.CaseId, Kind = MeasureKind.EducationalMeasure, Necessity = MeasureNecessity.ImplementedByPartner,
            StartDate = RecordsScenario.Date(RecordsScenario.Today),
        }, o).ResponseAsync,
        ["AddInformationItem"] = (s, t, o) => s.Items.AddInformationItemAsync(new AddInformationItemRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = t.CaseId, Category = ItemCategory.SchoolAttendance, Classification = Classification.Confidential, AuthorAttestsNotSecret = true,
        }, o).ResponseAsync,
        ["CloseCase"] = (s, t, o) => s.Lifecycle.CloseCaseAsync(new CloseCaseRequest { RequestId = RecordsScenario.NewId(), CaseId = t.CaseId, EndDate = RecordsScenario.Date(RecordsScenario.Today) }, o).ResponseAsync,
        ["OpenArchivedCase"] = (s, t, o) => s.Lifecycle.OpenArchivedCaseAsync(new OpenArchivedCaseRequest { CaseId = t.CaseId, Reason = ArchiveOpeningReason.SubjectAccessRequest }, o).ResponseAsync,
        ["MoveCase"] = (s, t, o) => new BodyService.BodyServiceClient(s.Channel).MoveCaseAsync(new MoveCaseRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = t.CaseId, TargetGroupId = t.TargetGroupId, Reason = MoveReason.ChangeOfTerritory,
        }, o).ResponseAsync,
        ["ExportSubjectFile"] = (s, t, o) => new SubjectRightsService.SubjectRightsServiceClient(s.Channel).ExportSubjectFileAsync(new ExportSubjectFileRequest { SubjectRef = t.SubjectRef }, o).ResponseAsync,
        ["RectifyIdentity"] = (s, t, o) => new SubjectRightsService.SubjectRightsServiceClient(s.Channel).RectifyIdentityAsync(new RectifyIdentityRequest
        {
            RequestId = RecordsScenario.NewId(), SubjectRef = t.SubjectRef, Identity = new Identity { Phone = "0611111111" }, Fields = { "phone" },
        }, o).ResponseAsync,
        ["AddToAgenda"] = (s, t, o) => new MeetingService.MeetingServiceClient(s.Channel).AddToAgendaAsync(new AddToAgendaRequest
        {
            RequestId = RecordsScenario.NewId(), MeetingId = t.MeetingId, GroupId = t.GroupId, CaseId = t.CaseId,
        }, o).ResponseAsync,
        ["RecordMeetingDecision"] = (s, t, o) => new MeetingService.MeetingServiceClient(s.Channel).RecordMeetingDecisionAsync(new RecordMeetingDecisionRequest
        {
            RequestId = RecordsScenario.NewId(), MeetingId = t.MeetingId, GroupId = t.GroupId, CaseId = t.CaseId, Decision = MeetingDecision.ContinueFollowUp,
        }, o).ResponseAsync,
    };

    public static TheoryData<string, string> Cases() =>
        new([.. Calls.Keys.SelectMany(rpc => new[] { (rpc, "member of another group"), (rpc, "member of another council"), (rpc, "unregistered") })]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task IdTakingRpc_CallerKeptFromIt_SameAnswerForExistingAndMadeUpId_ACC_1(string rpc, string caller)
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();
        var other = (await s.Commune.GroupAsync(s.Council, GroupKind.Thematic)).Id;
        var meeting = (await s.Commune.MeetingAsync(s.Group, RecordsScenario.Today)).Id;
        var outsider = caller switch
        {
            "member of another group" => (await s.Commune.MemberAsync(s.Council, other)).Subject,
            "member of another council" => await MemberElsewhereAsync(s),
            _ => "stranger-" + RecordsScenario.NewId(),
        };
        var existing = new Target(opened.Id, opened.SubjectRef, s.Group, meeting, other);
        var madeUp = new Target(Guid.CreateVersion7().ToString(), "p" + RecordsScenario.NewId(), s.Group, meeting, other);

        var forExisting = await GrpcAnswer.OfAsync(() => Calls[rpc](s, existing, services.Issuer.As(outsider)));
        var forMadeUp = await GrpcAnswer.OfAsync(() => Calls[rpc](s, madeUp, services.Issuer.As(outsider)));

        Assert.Equal(StatusCode.PermissionDenied, forExisting.Code);
        Assert.StartsWith("ACC-1: ", forExisting.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(opened.Id, forExisting.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(opened.SubjectRef, forExisting.Detail, StringComparison.Ordinal);
        Assert.Equal(forExisting, forMadeUp);
    }

    [Fact]
    public async Task GetCase_GroupMemberAskingNamedViewWithoutConsent_StillToldWhy_ACC_3()
    {
        // The wall hides nothing from a caller entitled to the case: a deny that rests on their designation keeps its reasons.
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync(age: 19);

        var answer = await GrpcAnswer.OfAsync(() => s.Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id, Named = true }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, answer.Code);
        Assert.StartsWith("ACC-3", answer.Detail, StringComparison.Ordinal);
    }

    private static async Task<string> MemberElsewhereAsync(RecordsScenario s)
    {
        var council = await s.Commune.CouncilAsync(true);
        var group = await s.Commune.GroupAsync(council.Id, GroupKind.Operational);
        return (await s.Commune.MemberAsync(council.Id, group.Id)).Subject;
    }
}
