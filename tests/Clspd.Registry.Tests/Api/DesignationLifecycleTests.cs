using Clspd.Registry.V1;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Registry.Tests.Api;

/// <summary>Revocation and exclusion (REG-5), transparency (REG-7), meetings and closing a body.</summary>
[Collection(SharedRegistry.Name)]
public sealed class DesignationLifecycleTests(RegistryHost registry)
{
    private readonly Scenario _s = new(registry);

    private static readonly Google.Type.Date MeetingDay = new() { Year = 2026, Month = 12, Day = 10 };

    private async Task<IReadOnlyList<Designation>> ValidNowAsync(Participant participant) =>
        (await _s.Registry.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest { Subject = participant.Subjects[0] }, _s.Admin)).Designations;

    [Fact]
    public async Task RevokeDesignation_WithReason_EndsItAndKeepsItInHistory_REG_5()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var participant = await _s.ReadyParticipantAsync(council.Id);
        var designated = await _s.DesignateAsync(participant.Id, group.Id);

        var revoked = await _s.Registry.RevokeDesignationAsync(new RevokeDesignationRequest
        {
            RequestId = Scenario.NewId(), DesignationId = designated.Designation.Id, Reason = "changement de poste",
        }, _s.Admin);

        Assert.Equal("changement de poste", revoked.Designation.RevocationReason);
        Assert.Equal(registry.Host.Clock.GetUtcNow(), revoked.Designation.RevokedAt.ToDateTimeOffset());
        Assert.True(revoked.Revision > designated.Revision);
        Assert.Empty(await ValidNowAsync(participant));
        var history = await _s.Registry.ListParticipantDesignationsAsync(new ListParticipantDesignationsRequest { ParticipantId = participant.Id, IncludeHistory = true }, _s.As(participant));
        Assert.Equal(designated.Designation.Id, Assert.Single(history.Designations).Id);
    }

    [Fact]
    public async Task RevokeDesignation_Twice_FailedPrecondition_REG_5()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var participant = await _s.ReadyParticipantAsync(council.Id);
        var designated = await _s.DesignateAsync(participant.Id, group.Id);
        await _s.Registry.RevokeDesignationAsync(new RevokeDesignationRequest { RequestId = Scenario.NewId(), DesignationId = designated.Designation.Id, Reason = "fin" }, _s.Admin);

        var ex = await Assert.ThrowsAsync<RpcException>(() => _s.Registry.RevokeDesignationAsync(
            new RevokeDesignationRequest { RequestId = Scenario.NewId(), DesignationId = designated.Designation.Id, Reason = "encore" }, _s.Admin).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("REG-5", ex.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);
    }

    [Fact]
    public async Task RevokeDesignation_WithoutReason_InvalidArgumentNamingReason()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _s.Registry.RevokeDesignationAsync(
            new RevokeDesignationRequest { RequestId = Scenario.NewId(), DesignationId = "d", Reason = "" }, _s.Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("reason", Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task RevokeDesignation_Unknown_NotFound()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _s.Registry.RevokeDesignationAsync(
            new RevokeDesignationRequest { RequestId = Scenario.NewId(), DesignationId = "missing", Reason = "x" }, _s.Admin).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task RecordConfidentialityBreach_EndsEveryDesignationAtOnce_REG_5()
    {
        var council = await _s.CouncilAsync();
        var groupA = await _s.GroupAsync(council.Id);
        var groupB = await _s.GroupAsync(council.Id);
        var participant = await _s.ReadyParticipantAsync(council.Id);
        var a = await _s.DesignateAsync(participant.Id, groupA.Id);
        var b = await _s.DesignateAsync(participant.Id, groupB.Id);

        var breach = await _s.Registry.RecordConfidentialityBreachAsync(new RecordConfidentialityBreachRequest
        {
            RequestId = Scenario.NewId(), CouncilId = council.Id, ParticipantId = participant.Id, Reason = "divulgation hors du groupe",
        }, _s.Admin);

        Assert.Equal(new[] { a.Designation.Id, b.Designation.Id }.Order(), breach.Breach.EndedDesignationIds.Order());
        Assert.All(breach.EndedDesignations, d => Assert.Equal(breach.Breach.Id, d.BreachId));
        Assert.All(breach.EndedDesignations, d => Assert.StartsWith("confidentiality breach", d.RevocationReason, StringComparison.Ordinal));
        Assert.Empty(await ValidNowAsync(participant));
    }

    [Fact]
    public async Task Designate_AfterBreach_OnlyANewOrderDesignatesAgain_REG_5()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var participant = await _s.ReadyParticipantAsync(council.Id);
        await _s.DesignateAsync(participant.Id, group.Id);
        await _s.Registry.RecordConfidentialityBreachAsync(new RecordConfidentialityBreachRequest
        {
            RequestId = Scenario.NewId(), CouncilId = council.Id, ParticipantId = participant.Id, Reason = "divulgation",
        }, _s.Admin);

        var oldOrder = Scenario.Designation(participant.Id, group.Id);
        var ex = await Assert.ThrowsAsync<RpcException>(() => _s.Registry.DesignateAsync(oldOrder, _s.Admin).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("REG-5", ex.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);

        var newOrder = Scenario.Designation(participant.Id, group.Id);
        newOrder.Order.Number = "2026-130";
        newOrder.Order.Date = Scenario.Today;
        var again = await _s.Registry.DesignateAsync(newOrder, _s.Admin);
        Assert.Equal(again.Designation.Id, Assert.Single(await ValidNowAsync(participant)).Id);
    }

    [Fact]
    public async Task RecordConfidentialityBreach_ByGroupMember_PermissionDenied_REG_5()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var member = await _s.ReadyParticipantAsync(council.Id);
        var target = await _s.ReadyParticipantAsync(council.Id);
        await _s.DesignateAsync(member.Id, group.Id);

        var ex = await Assert.ThrowsAsync<RpcException>(() => _s.Registry.RecordConfidentialityBreachAsync(new RecordConfidentialityBreachRequest
        {
            RequestId = Scenario.NewId(), CouncilId = council.Id, ParticipantId = target.Id, Reason = "x",
        }, _s.As(member)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REG-5:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_AfterBreach_StreamsEndedDesignationThenBreach_REG_5()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var participant = await _s.ReadyParticipantAsync(council.Id);
        var designated = await _s.DesignateAsync(participant.Id, group.Id);
        var breach = await _s.Registry.RecordConfidentialityBreachAsync(new RecordConfidentialityBreachRequest
        {
            RequestId = Scenario.NewId(), CouncilId = council.Id, ParticipantId = participant.Id, Reason = "divulgation",
        }, _s.Admin);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(20));
        using var call = _s.Registry.Watch(new WatchRequest { FromRevision = designated.Revision }, _s.As("svc:access").WithCancellationToken(cts.Token));
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        var ended = call.ResponseStream.Current.Designation;
        Assert.Equal((designated.Designation.Id, breach.Breach.Id), (ended.Id, ended.BreachId));
        Assert.NotNull(ended.RevokedAt);
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal((breach.Revision, breach.Breach.Id), (call.ResponseStream.Current.Revision, call.ResponseStream.Current.ConfidentialityBreach.Id));
    }

    [Fact]
    public async Task ListGroupParticipants_AsMember_SeesEveryoneWithInstitutionKindAndRole_REG_7()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var member = await _s.ReadyParticipantAsync(council.Id, fullName: "Alice Bernard");
        var police = await _s.ReadyParticipantAsync(council.Id, InstitutionKind.Police, "Bruno Petit");
        await _s.DesignateAsync(member.Id, group.Id);
        await _s.DesignateAsync(police.Id, group.Id);

        var list = await _s.Registry.ListGroupParticipantsAsync(new ListGroupParticipantsRequest { GroupId = group.Id }, _s.As(member));

        Assert.Equal(
            [("Alice Bernard", InstitutionKind.SpecialisedPrevention, Role.GroupMember, false), ("Bruno Petit", InstitutionKind.Police, Role.GroupMember, true)],
            list.Participants.Select(p => (p.FullName, p.InstitutionKind, p.Role, p.NonNominative)));
        Assert.All(list.Participants, p => Assert.StartsWith("Institution ", p.InstitutionName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ListGroupParticipants_AsParticipantOfAnotherGroup_PermissionDenied_REG_7()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var other = await _s.GroupAsync(council.Id);
        var outsider = await _s.ReadyParticipantAsync(council.Id);
        await _s.DesignateAsync(outsider.Id, other.Id);

        var ex = await Assert.ThrowsAsync<RpcException>(() => _s.Registry.ListGroupParticipantsAsync(
            new ListGroupParticipantsRequest { GroupId = group.Id }, _s.As(outsider)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REG-7:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListGroupParticipants_AsCoordinator_SeesGroupAtInstant_REG_7()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var other = await _s.GroupAsync(council.Id);
        var coordinator = await _s.CoordinatorAsync(council.Id, other.Id);
        var member = await _s.ReadyParticipantAsync(council.Id);
        await _s.DesignateAsync(member.Id, group.Id);

        var during = await _s.Registry.ListGroupParticipantsAsync(new ListGroupParticipantsRequest { GroupId = group.Id }, _s.As(coordinator));
        var atEnd = await _s.Registry.ListGroupParticipantsAsync(new ListGroupParticipantsRequest { GroupId = group.Id, At = Scenario.Ts(Scenario.To) }, _s.As(coordinator));

        Assert.Equal(member.Id, Assert.Single(during.Participants).ParticipantId);
        Assert.Empty(atEnd.Participants);
    }

    [Fact]
    public async Task ListParticipantDesignations_ByCoordinatorOfAnotherCouncil_SeesOnlyTheirCouncil_REG_7()
    {
        var councilA = await _s.CouncilAsync();
        var councilB = await _s.CouncilAsync();
        var groupA = await _s.GroupAsync(councilA.Id);
        var groupB = await _s.GroupAsync(councilB.Id);
        var coordinatorB = await _s.CoordinatorAsync(councilB.Id, groupB.Id);
        var participant = await _s.ReadyParticipantAsync(councilA.Id);
        await _s.SignAsync(councilB.Id, participant.InstitutionId);
        await _s.AcceptAsync(councilB.Id, participant);
        await _s.DesignateAsync(participant.Id, groupA.Id);
        var inB = await _s.DesignateAsync(participant.Id, groupB.Id);

        var seen = await _s.Registry.ListParticipantDesignationsAsync(new ListParticipantDesignationsRequest { ParticipantId = participant.Id }, _s.As(coordinatorB));
        var own = await _s.Registry.ListParticipantDesignationsAsync(new ListParticipantDesignationsRequest { ParticipantId = participant.Id }, _s.As(participant));

        Assert.Equal(inB.Designation.Id, Assert.Single(seen.Designations).Id);
        Assert.Equal(2, own.Designations.Count);
    }

    [Fact]
    public async Task ScheduleMeeting_OccasionalAttendee_ListedWithGroupMembers_REG_4()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var member = await _s.ReadyParticipantAsync(council.Id, fullName: "Alice Bernard");
        var guest = await _s.ReadyParticipantAsync(council.Id, fullName: "Gaëlle Invitée");
        var notInvited = await _s.ReadyParticipantAsync(council.Id, fullName: "Zoé Ailleurs");
        await _s.DesignateAsync(member.Id, group.Id);
        var meeting = (await _s.Registry.ScheduleMeetingAsync(new ScheduleMeetingRequest
        {
            RequestId = Scenario.NewId(), GroupId = group.Id, Date = MeetingDay, PlaceLabel = "Mairie, salle du conseil",
        }, _s.Admin)).Meeting;
        var other = (await _s.Registry.ScheduleMeetingAsync(new ScheduleMeetingRequest
        {
            RequestId = Scenario.NewId(), GroupId = group.Id, Date = new Google.Type.Date { Year = 2027, Month = 1, Day = 14 }, PlaceLabel = "Mairie",
        }, _s.Admin)).Meeting;

        var request = Scenario.Designation(guest.Id, group.Id, Role.OccasionalAttendee);
        request.MeetingId = meeting.Id;
        var guestDesignation = await _s.Registry.DesignateAsync(request, _s.Admin);
        var request2 = Scenario.Designation(notInvited.Id, group.Id, Role.OccasionalAttendee);
        request2.MeetingId = other.Id;
        await _s.Registry.DesignateAsync(request2, _s.Admin);

        var attendees = await _s.Registry.ListMeetingAttendeesAsync(new ListMeetingAttendeesRequest { MeetingId = meeting.Id }, _s.As(member));
        var meetings = await _s.Registry.ListMeetingsAsync(new ListMeetingsRequest { GroupId = group.Id }, _s.As(guest));

        Assert.Equal(MeetingDay, guestDesignation.Designation.MeetingDate);
        Assert.Equal([("Alice Bernard", Role.GroupMember), ("Gaëlle Invitée", Role.OccasionalAttendee)], attendees.Attendees.Select(a => (a.FullName, a.Role)));
        Assert.Equal([meeting.Id, other.Id], meetings.Meetings.Select(m => m.Id));
    }

    [Fact]
    public async Task Designate_OccasionalAttendeeValidityMissesMeetingDay_FailedPrecondition_REG_4()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var guest = await _s.ReadyParticipantAsync(council.Id);
        var meeting = (await _s.Registry.ScheduleMeetingAsync(new ScheduleMeetingRequest
        {
            RequestId = Scenario.NewId(), GroupId = group.Id, Date = MeetingDay, PlaceLabel = "Mairie",
        }, _s.Admin)).Meeting;
        var request = Scenario.Designation(guest.Id, group.Id, Role.OccasionalAttendee);
        request.MeetingId = meeting.Id;
        request.ValidTo = Scenario.Ts(new DateTimeOffset(2026, 12, 10, 0, 0, 0, TimeSpan.Zero));

        var ex = await Assert.ThrowsAsync<RpcException>(() => _s.Registry.DesignateAsync(request, _s.Admin).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("REG-4", ex.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);
    }

    [Fact]
    public async Task Designate_OccasionalAttendeeOfAnotherGroupsMeeting_InvalidArgumentNamingMeetingId()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var other = await _s.GroupAsync(council.Id);
        var guest = await _s.ReadyParticipantAsync(council.Id);
        var meeting = (await _s.Registry.ScheduleMeetingAsync(new ScheduleMeetingRequest
        {
            RequestId = Scenario.NewId(), GroupId = other.Id, Date = MeetingDay, PlaceLabel = "Mairie",
        }, _s.Admin)).Meeting;
        var request = Scenario.Designation(guest.Id, group.Id, Role.OccasionalAttendee);
        request.MeetingId = meeting.Id;

        var ex = await Assert.ThrowsAsync<RpcException>(() => _s.Registry.DesignateAsync(request, _s.Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("meeting_id", Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task CloseGroup_WithMember_EndsDesignationAndRefusesNewOnes_REG_2()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var member = await _s.ReadyParticipantAsync(council.Id);
        var designated = await _s.DesignateAsync(member.Id, group.Id);

        var closed = await _s.Registry.CloseGroupAsync(new CloseGroupRequest { RequestId = Scenario.NewId(), GroupId = group.Id, Reason = "fusion des quartiers" }, _s.Admin);

        Assert.NotNull(closed.Group.ClosedAt);
        Assert.Equal(designated.Designation.Id, Assert.Single(closed.EndedDesignations).Id);
        Assert.Empty(await ValidNowAsync(member));
        var ex = await Assert.ThrowsAsync<RpcException>(() => _s.Registry.DesignateAsync(Scenario.Designation(member.Id, group.Id), _s.Admin).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("REG-2", ex.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);
        Assert.NotNull((await _s.Registry.GetGroupAsync(new GetGroupRequest { GroupId = group.Id }, _s.Admin)).Group.ClosedAt);
    }

    [Fact]
    public async Task ScheduleMeeting_UnknownGroupAndNoDate_InvalidArgumentNamingField()
    {
        var unknown = await Assert.ThrowsAsync<RpcException>(() => _s.Registry.ScheduleMeetingAsync(new ScheduleMeetingRequest
        {
            RequestId = Scenario.NewId(), GroupId = "missing", Date = MeetingDay, PlaceLabel = "Mairie",
        }, _s.Admin).ResponseAsync);
        var noDate = await Assert.ThrowsAsync<RpcException>(() => _s.Registry.ScheduleMeetingAsync(new ScheduleMeetingRequest
        {
            RequestId = Scenario.NewId(), GroupId = "g", PlaceLabel = "Mairie",
        }, _s.Admin).ResponseAsync);

        Assert.Equal((StatusCode.InvalidArgument, "group_id"), (unknown.StatusCode, Assert.Single(unknown.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field));
        Assert.Equal((StatusCode.InvalidArgument, "date"), (noDate.StatusCode, Assert.Single(noDate.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field));
    }
}
