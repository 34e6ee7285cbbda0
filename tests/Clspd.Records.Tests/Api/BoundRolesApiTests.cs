using Clspd.Access.V1;
using Clspd.Records.V1;
using Clspd.Registry.V1;
using Clspd.Testing;
using Grpc.Core;

namespace Clspd.Records.Tests.Api;

/// <summary>
/// ACC-1, REC-6: the occasional attendee reads the cases on their meeting's agenda on its day, the
/// measure implementer only the measure view of their measure; ACC-3: programme actions need
/// PROGRAMME_ENROLMENT; REC-9: closing a meeting is an audited decision per case on its agenda.
/// </summary>
public sealed class BoundRolesApiTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    private MeetingService.MeetingServiceClient Meetings => new(services.Records.Channel);

    private AuditService.AuditServiceClient Audit => new(services.Access.Channel);

    private Task<AddToAgendaResponse> AddToAgendaAsync(RecordsScenario s, string meetingId, string caseId) =>
        Meetings.AddToAgendaAsync(new AddToAgendaRequest { RequestId = RecordsScenario.NewId(), MeetingId = meetingId, GroupId = s.Group, CaseId = caseId, Sheet = "Point d'étape" }, s.AsMember).ResponseAsync;

    private static async Task<RpcException> DeniedAsync(Task call, string rules)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => call);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith(rules + ":", ex.Status.Detail, StringComparison.Ordinal);
        return ex;
    }

    [Fact]
    public async Task GetCase_OccasionalAttendeeOnTheMeetingDay_ReadsAgendaCaseOnlyNeverWrites_ACC_1()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var meeting = await s.Commune.MeetingAsync(s.Group, s.Commune.CouncilToday());
        var (attendee, revision) = await s.Commune.BoundMemberAsync(s.Council, s.Group, Role.OccasionalAttendee, meetingId: meeting.Id);
        var onAgenda = await s.CaseAsync();
        var other = await s.CaseAsync();
        await AddToAgendaAsync(s, meeting.Id, onAgenda.Id);
        var asAttendee = services.Issuer.As(attendee);

        var read = await s.Records.GetCaseAsync(new GetCaseRequest { CaseId = onAgenda.Id, MinRegistryRevision = revision }, asAttendee);
        var ex = await DeniedAsync(s.Records.GetCaseAsync(new GetCaseRequest { CaseId = other.Id, MinRegistryRevision = revision }, asAttendee).ResponseAsync, "ACC-1");
        await DeniedAsync(s.FollowUps.RecordReferralAsync(new RecordReferralRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = onAgenda.Id, Origin = ReferralOrigin.NationalEducation, Reasons = { ReferralReason.SchoolAbsenteeism },
        }, asAttendee).ResponseAsync, "ACC-1");

        Assert.Equal((onAgenda.CaseCode, "16-17", false), (read.Case.CaseCode, read.Case.AgeBand, read.Named));
        Assert.Null(read.Case.Identity);
        // A case off the attendee's agenda is, for them, a case that does not exist (ACC-1: nothing leaks).
        Assert.Equal("ACC-1: " + global::Clspd.Records.Domain.Unseen.Sentence, ex.Status.Detail);
    }

    [Fact]
    public async Task CloseMeeting_AuditedPerAgendaCase_ThenAttendeeDenied_REC_9_ACC_1_ACC_4()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var meeting = await s.Commune.MeetingAsync(s.Group, s.Commune.CouncilToday());
        var (attendee, revision) = await s.Commune.BoundMemberAsync(s.Council, s.Group, Role.OccasionalAttendee, meetingId: meeting.Id);
        var first = await s.CaseAsync();
        var second = await s.CaseAsync();
        await AddToAgendaAsync(s, meeting.Id, first.Id);
        await AddToAgendaAsync(s, meeting.Id, second.Id);
        var asAttendee = services.Issuer.As(attendee);
        await s.Records.GetCaseAsync(new GetCaseRequest { CaseId = first.Id, MinRegistryRevision = revision }, asAttendee);
        var outsider = (await s.Commune.MemberAsync(s.Council, (await s.Commune.GroupAsync(s.Council, GroupKind.Territorial)).Id)).Subject;

        await DeniedAsync(Meetings.CloseMeetingAsync(new CloseMeetingRequest { RequestId = RecordsScenario.NewId(), MeetingId = meeting.Id, GroupId = s.Group }, asAttendee).ResponseAsync, "ACC-1");
        await DeniedAsync(Meetings.CloseMeetingAsync(new CloseMeetingRequest { RequestId = RecordsScenario.NewId(), MeetingId = meeting.Id, GroupId = s.Group }, services.Issuer.As(outsider)).ResponseAsync, "ACC-1");
        var agendaAfterRefusals = await RecordsScenario.CountAsync(services.Records.DataDirectory, "SELECT COUNT(*) FROM agenda_items WHERE meeting_id = @M", new { M = meeting.Id });
        var closed = await Meetings.CloseMeetingAsync(new CloseMeetingRequest { RequestId = RecordsScenario.NewId(), MeetingId = meeting.Id, GroupId = s.Group }, s.AsMember);
        var entries = (await Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { Principal = s.Member, PageSize = 1000 }, services.Issuer.As("svc:records"))).Entries
            .Where(e => e.Action == AccessAction.CloseMeeting).ToList();

        Assert.Equal(2L, agendaAfterRefusals);
        Assert.Equal(2, closed.AgendaItemsPurged);
        Assert.Equal(new[] { first.Id, second.Id }.Order(StringComparer.Ordinal), entries.Select(e => e.Resource.CaseId).Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.Equal((Outcome.Allow, "REC-9"), (e.Outcome, e.RuleIds[0])));
        Assert.All(entries, e => Assert.Contains(meeting.Id, e.Reason, StringComparison.Ordinal));
        await DeniedAsync(s.Records.GetCaseAsync(new GetCaseRequest { CaseId = first.Id }, asAttendee).ResponseAsync, "ACC-1");
    }

    [Fact]
    public async Task GetCase_MeasureImplementer_OnlyTheirMeasureAndContactsOnceInformed_ACC_1_REC_6()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync(age: 16);
        await s.ReferralAsync(opened.Id);
        var mine = (await s.Items.AddJudicialMeasureAsync(new AddJudicialMeasureRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Kind = MeasureKind.Reparation, Necessity = MeasureNecessity.ImplementedByPartner,
            StartDate = RecordsScenario.Date(RecordsScenario.Today),
        }, s.AsMember)).MeasureRef;
        await s.Items.AddJudicialMeasureAsync(new AddJudicialMeasureRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Kind = MeasureKind.Probation, Necessity = MeasureNecessity.AvoidContradiction,
            StartDate = RecordsScenario.Date(RecordsScenario.Today),
        }, s.AsMember);
        var (implementer, revision) = await s.Commune.BoundMemberAsync(s.Council, s.Group, Role.MeasureImplementer, measureRef: mine, kind: InstitutionKind.SpecialisedPrevention);
        var asImplementer = services.Issuer.As(implementer);

        var uninformed = await DeniedAsync(s.Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id, MeasureOnly = true, MinRegistryRevision = revision }, asImplementer).ResponseAsync, "REC-6, CON-2");
        var informed = (await s.InformAsync(opened.Id)).Revision;
        var read = await s.Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id, MeasureOnly = true, MinConsentRevision = informed, MinRegistryRevision = revision }, asImplementer);
        await DeniedAsync(s.Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id, MinRegistryRevision = revision }, asImplementer).ResponseAsync, "ACC-1, REC-6");

        Assert.Contains("informed", uninformed.Status.Detail, StringComparison.Ordinal);
        Assert.True(read.MeasureOnly);
        Assert.False(read.Named);
        Assert.Equal(mine, Assert.Single(read.Case.Measures).MeasureRef);
        Assert.Equal(("Dupont", "Léa", "1 rue de la Paix"), (read.Case.Identity.Surname, read.Case.Identity.FirstNames, read.Case.Identity.Address));
        Assert.Null(read.Case.Identity.BirthDate);
        Assert.Equal(("Marc", "0600000000", "marc.dupont@example.org"),
            (Assert.Single(read.Case.LegalRepresentatives).FirstNames, read.Case.LegalRepresentatives[0].Phone, read.Case.LegalRepresentatives[0].Email));
        Assert.Empty(read.Case.ReasonCodes);
        Assert.Equal("", read.Case.AgeBand);
        Assert.Equal("", read.Case.SubjectRef);
    }

    [Fact]
    public async Task GetCase_NamedAndMeasureViewTogether_InvalidArgumentNamingMeasureOnly()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => s.Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id, Named = true, MeasureOnly = true }, s.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("measure_only", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartFollowUp_WithoutRefusedOrIncompleteEnrolment_PermissionDeniedNothingWritten_ACC_3()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var notAsked = await s.CaseAsync(age: 19);
        var refused = await s.CaseAsync(age: 19);
        var minor = await s.CaseAsync(age: 15);
        await s.ProgrammeEnrolmentAsync(refused.Id, Consent.V1.Decision.Refused);
        await s.ProgrammeEnrolmentAsync(minor.Id, representatives: false);

        Task Start(Case c) => s.FollowUps.StartFollowUpAsync(new StartFollowUpRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = c.Id, ReferralId = "r", Programme = Programme.IndividualPreventionPath, PathReferentId = "participant-1",
        }, s.AsMember).ResponseAsync;

        await DeniedAsync(Start(notAsked), "ACC-3, CON-3");
        await DeniedAsync(Start(refused), "ACC-3, CON-4");
        var incomplete = await DeniedAsync(Start(minor), "ACC-3, CON-3");

        Assert.Contains("legal representative", incomplete.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0L, await RecordsScenario.CountAsync(services.Records.DataDirectory, "SELECT COUNT(*) FROM follow_ups WHERE case_id IN (@A, @B, @C)",
            new { A = notAsked.Id, B = refused.Id, C = minor.Id }));
    }

    [Fact]
    public async Task AddAction_EnrolmentGiven_Allowed_ACC_3()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync(age: 15);
        await s.StartFollowUpAsync(opened.Id);

        var action = await s.Items.AddActionAsync(new AddActionRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Kind = ActionKind.SportOrCulture, StartDate = RecordsScenario.Date(RecordsScenario.Today),
        }, s.AsMember);

        Assert.False(string.IsNullOrEmpty(action.ActionId));
    }

    [Fact]
    public async Task AddAction_AfterAcknowledgedWithdrawalOfEnrolment_PermissionDenied_ACC_3_CON_4()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync(age: 20);
        await s.StartFollowUpAsync(opened.Id);
        var subjectRef = (await s.Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id }, s.AsMember)).Case.SubjectRef;
        await s.Items.AddActionAsync(new AddActionRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Kind = ActionKind.Training, StartDate = RecordsScenario.Date(RecordsScenario.Today),
        }, s.AsMember);

        var withdrawn = await s.Commune.WithdrawProgrammeEnrolmentAsync(subjectRef);
        await DeniedAsync(s.Items.AddActionAsync(new AddActionRequest
        {
            RequestId = RecordsScenario.NewId(), CaseId = opened.Id, Kind = ActionKind.Employment, StartDate = RecordsScenario.Date(RecordsScenario.Today),
            MinConsentRevision = withdrawn,
        }, s.AsMember).ResponseAsync, "ACC-3, CON-4");

        Assert.Equal(1L, await RecordsScenario.CountAsync(services.Records.DataDirectory, "SELECT COUNT(*) FROM actions WHERE case_id = @C", new { C = opened.Id }));
    }
}
