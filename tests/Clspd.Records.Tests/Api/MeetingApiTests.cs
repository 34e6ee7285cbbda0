using Clspd.Records.V1;
using Clspd.Registry.V1;
using Grpc.Core;

namespace Clspd.Records.Tests.Api;

/// <summary>REC-9: agenda and working sheets of a meeting are purged after it; the decisions per case stay.</summary>
public sealed class MeetingApiTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    private MeetingService.MeetingServiceClient Meetings => new(services.Records.Channel);

    private static async Task<string> MeetingAsync(RecordsScenario s, string groupId, int inDays) =>
        (await s.Commune.Registry.ScheduleMeetingAsync(new ScheduleMeetingRequest
        {
            RequestId = RecordsScenario.NewId(), GroupId = groupId, Date = RecordsScenario.Date(RecordsScenario.Today.AddDays(inDays)), PlaceLabel = "Mairie",
        }, s.Commune.Admin)).Meeting.Id;

    private Task<AddToAgendaResponse> AddAsync(RecordsScenario s, string meetingId, string caseId, string sheet = "") =>
        Meetings.AddToAgendaAsync(new AddToAgendaRequest { RequestId = RecordsScenario.NewId(), MeetingId = meetingId, GroupId = s.Group, CaseId = caseId, Sheet = sheet }, s.AsMember).ResponseAsync;

    private Task<RecordMeetingDecisionResponse> DecideAsync(RecordsScenario s, string meetingId, string caseId) =>
        Meetings.RecordMeetingDecisionAsync(new RecordMeetingDecisionRequest
        {
            RequestId = RecordsScenario.NewId(), MeetingId = meetingId, GroupId = s.Group, CaseId = caseId, Decision = MeetingDecision.AdjustActions,
        }, s.AsMember).ResponseAsync;

    private static async Task AssertRuleAsync(Task call)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.StartsWith("REC-9", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseMeeting_AfterDecisions_AgendaAndSheetsPurgedDecisionsKept_REC_9()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var meeting = await MeetingAsync(s, s.Group, 0);
        var first = await s.CaseAsync();
        var second = await s.CaseAsync();
        await AddAsync(s, meeting, first.Id, "Point sur l'assiduité");
        var size = (await AddAsync(s, meeting, second.Id)).AgendaSize;
        await DecideAsync(s, meeting, first.Id);

        var closed = await Meetings.CloseMeetingAsync(new CloseMeetingRequest { RequestId = RecordsScenario.NewId(), MeetingId = meeting, GroupId = s.Group }, s.AsMember);

        var dir = services.Records.DataDirectory;
        Assert.Equal(2, size);
        Assert.Equal((2, 1), (closed.AgendaItemsPurged, closed.DecisionsKept));
        Assert.Equal(0L, await RecordsScenario.CountAsync(dir, "SELECT COUNT(*) FROM agenda_items WHERE meeting_id = @M", new { M = meeting }));
        Assert.Equal(1L, await RecordsScenario.CountAsync(dir, "SELECT COUNT(*) FROM meeting_decisions WHERE meeting_id = @M AND case_id = @C AND decision = 2", new { M = meeting, C = first.Id }));
        await AssertRuleAsync(AddAsync(s, meeting, first.Id));
        await AssertRuleAsync(DecideAsync(s, meeting, second.Id));
    }

    [Fact]
    public async Task AddToAgenda_PastMeeting_FailedPrecondition_REC_9()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var meeting = await MeetingAsync(s, s.Group, -1);
        var opened = await s.CaseAsync();

        await AssertRuleAsync(AddAsync(s, meeting, opened.Id));
    }

    [Fact]
    public async Task AddToAgenda_CaseOfAnotherGroup_FailedPrecondition_REC_9()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var other = (await s.Commune.GroupAsync(s.Council, GroupKind.Territorial)).Id;
        var meeting = await MeetingAsync(s, other, 0);
        var opened = await s.CaseAsync();

        await AssertRuleAsync(Meetings.AddToAgendaAsync(new AddToAgendaRequest { RequestId = RecordsScenario.NewId(), MeetingId = meeting, GroupId = other, CaseId = opened.Id }, s.AsMember).ResponseAsync);
    }

    [Fact]
    public async Task RecordMeetingDecision_BeforeTheMeetingOrNotOnAgenda_FailedPrecondition_REC_9()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var tomorrow = await MeetingAsync(s, s.Group, 1);
        var today = await MeetingAsync(s, s.Group, 0);
        var opened = await s.CaseAsync();
        await AddAsync(s, tomorrow, opened.Id);

        await AssertRuleAsync(DecideAsync(s, tomorrow, opened.Id));
        await AssertRuleAsync(DecideAsync(s, today, opened.Id));
    }

    [Fact]
    public async Task AddToAgenda_MemberOfAnotherGroup_PermissionDenied_REC_9()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var other = (await s.Commune.GroupAsync(s.Council, GroupKind.Territorial)).Id;
        var outsider = (await s.Commune.MemberAsync(s.Council, other)).Subject;
        var meeting = await MeetingAsync(s, s.Group, 0);
        var opened = await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Meetings.AddToAgendaAsync(new AddToAgendaRequest
        {
            RequestId = RecordsScenario.NewId(), MeetingId = meeting, GroupId = s.Group, CaseId = opened.Id, Sheet = "x",
        }, services.Issuer.As(outsider)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal(0L, await RecordsScenario.CountAsync(services.Records.DataDirectory, "SELECT COUNT(*) FROM agenda_items WHERE meeting_id = @M", new { M = meeting }));
    }
}
