using Clspd.Registry.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Registry.Tests.Api;

[Collection(SharedRegistry.Name)]
public sealed class RegistryApiTests(RegistryHost registry)
{
    private readonly Scenario _s = new(registry);

    private RegistryService.RegistryServiceClient Client => registry.Client;

    private CallOptions Admin => registry.Issuer.As("admin");

    private static string NewId() => Scenario.NewId();

    private Task<Council> CouncilAsync(string coordinator = "Coordinatrice Dupont") => _s.CouncilAsync(coordinator);

    private Task<Group> GroupAsync(string councilId, GroupKind kind = GroupKind.Territorial) => _s.GroupAsync(councilId, kind);

    private static DesignateRequest Designation(string participantId, string groupId, Role role = Role.GroupMember) => Scenario.Designation(participantId, groupId, role);

    [Fact]
    public async Task CreateCouncil_WithoutToken_Unauthenticated_GW_1()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.CreateCouncilAsync(new CreateCouncilRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
        Assert.Contains("GW-1", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCouncil_TokenOfAnotherIssuer_Unauthenticated_GW_1()
    {
        using var stranger = new Clspd.Testing.TestIssuer();
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.CreateCouncilAsync(new CreateCouncilRequest(), stranger.As("admin")).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, ex.StatusCode);
    }

    [Fact]
    public async Task CreateCouncil_NotBootstrapAdmin_PermissionDenied_REG_1()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.CreateCouncilAsync(new CreateCouncilRequest
        {
            RequestId = NewId(), Name = "CLSPD", Kind = CouncilKind.Clspd, CommuneInseeCodes = { "94079" },
        }, registry.Issuer.As("mallory")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REG-1:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCouncil_BadInput_InvalidArgumentListingEveryField()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.CreateCouncilAsync(new CreateCouncilRequest
        {
            Name = new string('x', 10_000), Kind = (CouncilKind)42, CommuneInseeCodes = { "ABCDE" },
        }, Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var badRequest = ex.GetRpcStatus()!.GetDetail<BadRequest>();
        Assert.Equal(["request_id", "name", "kind", "commune_insee_codes"], badRequest.FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task CreateCouncil_RetriedWithSameRequestId_SameCouncilOnce()
    {
        var request = new CreateCouncilRequest { RequestId = NewId(), Name = "CISPD du Val", Kind = CouncilKind.Cispd, CommuneInseeCodes = { "94079", "94080" } };
        var first = await Client.CreateCouncilAsync(request, Admin);
        var retry = await Client.CreateCouncilAsync(request, Admin);

        Assert.Equal(first.Council.Id, retry.Council.Id);
        Assert.Equal(first.Revision, retry.Revision);
    }

    [Fact]
    public async Task CreateCouncil_WithoutCoordinator_NotReady_REG_1()
    {
        var council = await CouncilAsync(coordinator: "");
        var read = await Client.GetCouncilAsync(new GetCouncilRequest { CouncilId = council.Id }, Admin);

        Assert.False(read.Council.ReadyForNominativeProcessing);
        Assert.True((await CouncilAsync()).ReadyForNominativeProcessing);
    }

    [Fact]
    public async Task GetCouncil_Unknown_NotFound()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.GetCouncilAsync(new GetCouncilRequest { CouncilId = "nope" }, Admin).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task CreateGroup_SameNameTwice_AlreadyExists()
    {
        var council = await CouncilAsync();
        var request = new CreateGroupRequest { RequestId = NewId(), CouncilId = council.Id, Name = "Centre", Kind = GroupKind.Territorial };
        await Client.CreateGroupAsync(request, Admin);

        request.RequestId = NewId();
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.CreateGroupAsync(request, Admin).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, ex.StatusCode);
    }

    [Fact]
    public async Task Designate_InGroup_ListedForSubjectWithItsFacts_REG_4()
    {
        var council = await CouncilAsync();
        var group = await GroupAsync(council.Id);
        var participant = await _s.ReadyParticipantAsync(council.Id);
        var designated = await Client.DesignateAsync(Designation(participant.Id, group.Id), Admin);

        var list = await Client.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest
        {
            Subject = participant.Subjects[0], At = Timestamp.FromDateTimeOffset(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        }, registry.Issuer.As(participant.Subjects[0]));

        var d = Assert.Single(list.Designations);
        Assert.Equal(designated.Designation.Id, d.Id);
        Assert.Equal((Role.GroupMember, GroupKind.Territorial, InstitutionKind.SpecialisedPrevention, "2026-114"), (d.Role, d.GroupKind, d.InstitutionKind, d.Order.Number));
        Assert.Equal((true, Scenario.CharterVersion, participant.InstitutionId, false), (d.CharterOk, d.CharterVersion, d.InstitutionId, d.NonNominative));
        Assert.Empty(designated.Warnings);
        Assert.True(list.Revision >= designated.Revision);
    }

    [Theory]
    [InlineData("svc:records")]
    [InlineData("svc:access")]
    [InlineData("svc:consent")]
    public async Task Designate_WithServiceIdentity_PermissionDeniedAndNothingDesignated_GW_1(string service)
    {
        var council = await CouncilAsync();
        var group = await GroupAsync(council.Id);
        var participant = await _s.ReadyParticipantAsync(council.Id);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.DesignateAsync(Designation(participant.Id, group.Id), registry.Issuer.As(service)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("GW-1: the " + service[4..] + " service may not call /clspd.registry.v1.RegistryService/Designate", ex.Status.Detail, StringComparison.Ordinal);
        var list = await Client.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest { Subject = participant.Subjects[0] }, Admin);
        Assert.Empty(list.Designations);
    }

    [Fact]
    public async Task Designate_OutsideValidity_NotListed_REG_4()
    {
        var council = await CouncilAsync();
        var group = await GroupAsync(council.Id);
        var participant = await _s.ReadyParticipantAsync(council.Id);
        await Client.DesignateAsync(Designation(participant.Id, group.Id), Admin);

        var atEnd = await Client.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest
        {
            Subject = participant.Subjects[0], At = Timestamp.FromDateTimeOffset(new DateTimeOffset(2027, 11, 1, 0, 0, 0, TimeSpan.Zero)),
        }, Admin);
        Assert.Empty(atEnd.Designations);
    }

    [Theory]
    [InlineData("order.number")]
    [InlineData("order.signed_by")]
    [InlineData("order.date")]
    [InlineData("valid_to")]
    [InlineData("case_ref")]
    public async Task Designate_MissingOrderDataOrBinding_InvalidArgumentNamingField_REG_4(string field)
    {
        var request = Designation("p", "g", field == "case_ref" ? Role.PathReferent : Role.GroupMember);
        switch (field)
        {
            case "order.number": request.Order.Number = ""; break;
            case "order.signed_by": request.Order.SignedBy = " "; break;
            case "order.date": request.Order.Date = null; break;
            case "valid_to": request.ValidTo = request.ValidFrom; break;
            default: break;
        }

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.DesignateAsync(request, Admin).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations, v => v.Field == field);
    }

    [Fact]
    public async Task Designate_InPlenaryFormation_FailedPrecondition_REG_2()
    {
        var council = await CouncilAsync();
        var plenary = await GroupAsync(council.Id, GroupKind.Plenary);
        Assert.False(plenary.MayHoldCases);
        var participant = await _s.ReadyParticipantAsync(council.Id);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.DesignateAsync(Designation(participant.Id, plenary.Id), Admin).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("REG-2", ex.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);
    }

    [Fact]
    public async Task Designate_PoliceParticipant_SucceedsWithWarning_REG_6()
    {
        var council = await CouncilAsync();
        var group = await GroupAsync(council.Id);
        var police = await _s.ReadyParticipantAsync(council.Id, InstitutionKind.Police);

        var response = await Client.DesignateAsync(Designation(police.Id, group.Id), Admin);

        Assert.StartsWith("REG-6:", Assert.Single(response.Warnings), StringComparison.Ordinal);
        Assert.Equal(InstitutionKind.Police, response.Designation.InstitutionKind);
        Assert.True(response.Designation.NonNominative);
    }

    [Fact]
    public async Task Designate_UnknownGroup_InvalidArgumentNamingGroupId()
    {
        var council = await CouncilAsync();
        var participant = await _s.ReadyParticipantAsync(council.Id);
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.DesignateAsync(Designation(participant.Id, "missing-group"), Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("group_id", Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task Designate_UnknownParticipant_InvalidArgumentNamingParticipantId()
    {
        var council = await CouncilAsync();
        var group = await GroupAsync(council.Id);
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.DesignateAsync(Designation("missing-participant", group.Id), Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("participant_id", Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task Designate_WithoutOrderNumber_InvalidArgumentNamingFieldAndRule_REG_4()
    {
        var request = Designation("p", "g");
        request.Order.Number = "";

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.DesignateAsync(request, Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        var violation = Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations);
        Assert.Equal("order.number", violation.Field);
        Assert.Contains("REG-4", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Designate_WithoutOrder_InvalidArgumentNamingEveryOrderField_REG_4()
    {
        var request = Designation("p", "g");
        request.Order = null;

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.DesignateAsync(request, Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal(["order.number", "order.signed_by", "order.date"], ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task Designate_UnknownRoleValue_InvalidArgumentNamingRole()
    {
        var request = Designation("p", "g", (Role)99);
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.DesignateAsync(request, Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("role", Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task Designate_OrderDatedInTheFuture_InvalidArgumentNamingOrderDate()
    {
        var request = Designation("p", "g");
        request.Order.Date = new Google.Type.Date { Year = 2026, Month = 11, Day = 30 };
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.DesignateAsync(request, Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("order.date", Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task Designate_SameRoleInSameGroupOverlapping_AlreadyExists_REG_4()
    {
        var council = await CouncilAsync();
        var group = await GroupAsync(council.Id);
        var participant = await _s.ReadyParticipantAsync(council.Id);
        await Client.DesignateAsync(Designation(participant.Id, group.Id), Admin);

        var again = Designation(participant.Id, group.Id);
        again.ValidFrom = Scenario.Ts(new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero));
        again.ValidTo = Scenario.Ts(new DateTimeOffset(2028, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.DesignateAsync(again, Admin).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, ex.StatusCode);

        // Adjacent periods [from, to) do not overlap: a renewal from the end of the first is accepted.
        again.RequestId = NewId();
        again.ValidFrom = Scenario.Ts(Scenario.To);
        Assert.NotEmpty((await Client.DesignateAsync(again, Admin)).Designation.Id);
    }

    [Fact]
    public async Task Designate_RetriedWithSameRequestId_OneDesignation_REG_4()
    {
        var council = await CouncilAsync();
        var group = await GroupAsync(council.Id);
        var participant = await _s.ReadyParticipantAsync(council.Id);
        var request = Designation(participant.Id, group.Id);

        var first = await Client.DesignateAsync(request, Admin);
        var retry = await Client.DesignateAsync(request, Admin);

        Assert.Equal(first, retry);
        var list = await Client.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest { Subject = participant.Subjects[0] }, Admin);
        Assert.Equal(first.Designation.Id, Assert.Single(list.Designations).Id);
    }

    [Fact]
    public async Task CreateGroup_TenKilobyteNameAndUnknownKind_InvalidArgumentNamingBoth()
    {
        var council = await CouncilAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.CreateGroupAsync(new CreateGroupRequest
        {
            RequestId = NewId(), CouncilId = council.Id, Name = new string('x', 10_240), Kind = (GroupKind)77,
        }, Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal(["name", "kind"], ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task CreateGroup_UnknownCouncil_InvalidArgumentNamingCouncilId()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.CreateGroupAsync(new CreateGroupRequest
        {
            RequestId = NewId(), CouncilId = "missing", Name = "Centre", Kind = GroupKind.Territorial,
        }, Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("council_id", Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }

    [Fact]
    public async Task RegisterParticipant_EmptyStrings_InvalidArgumentNamingEachField()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.RegisterParticipantAsync(new RegisterParticipantRequest
        {
            RequestId = NewId(), FullName = " ", Function = "", InstitutionId = "", Email = "", Subjects = { "" },
        }, Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal(["full_name", "function", "institution_id", "email", "subjects"], ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task CreateGroup_ByParticipantWhoIsNotCoordinator_PermissionDenied_REG_2()
    {
        var council = await CouncilAsync();
        var group = await GroupAsync(council.Id);
        var member = await _s.ReadyParticipantAsync(council.Id);
        await _s.DesignateAsync(member.Id, group.Id);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.CreateGroupAsync(new CreateGroupRequest
        {
            RequestId = NewId(), CouncilId = council.Id, Name = "Nord", Kind = GroupKind.Thematic,
        }, _s.As(member)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REG-2:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateGroupAndDesignate_ByDesignatedCoordinator_Succeed()
    {
        var council = await CouncilAsync();
        var group = await GroupAsync(council.Id);
        var coordinator = await _s.CoordinatorAsync(council.Id, group.Id);
        var member = await _s.ReadyParticipantAsync(council.Id);

        var created = await Client.CreateGroupAsync(new CreateGroupRequest
        {
            RequestId = NewId(), CouncilId = council.Id, Name = "Opérationnel Sud", Kind = GroupKind.Operational,
        }, _s.As(coordinator));
        var designated = await Client.DesignateAsync(Designation(member.Id, created.Group.Id), _s.As(coordinator));

        Assert.Equal(created.Group.Id, designated.Designation.GroupId);
        Assert.True(designated.Revision > created.Revision);
    }

    [Fact]
    public async Task Designate_ByCoordinatorOfAnotherCouncil_PermissionDenied_REG_4()
    {
        var council = await CouncilAsync();
        var group = await GroupAsync(council.Id);
        var other = await CouncilAsync();
        var otherGroup = await GroupAsync(other.Id);
        var coordinator = await _s.CoordinatorAsync(other.Id, otherGroup.Id);
        var member = await _s.ReadyParticipantAsync(council.Id);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.DesignateAsync(Designation(member.Id, group.Id), _s.As(coordinator)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REG-4:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListSubjectDesignations_OfSomeoneElse_PermissionDenied_REG_7()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.ListSubjectDesignationsAsync(
            new ListSubjectDesignationsRequest { Subject = "alice" }, registry.Issuer.As("bob")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REG-7", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_AsParticipant_PermissionDenied()
    {
        using var call = Client.Watch(new WatchRequest(), registry.Issuer.As("alice"));
        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    [Fact]
    public async Task Watch_AsService_ReplaysDesignationWrittenBefore()
    {
        var council = await CouncilAsync();
        var group = await GroupAsync(council.Id);
        var participant = await _s.ReadyParticipantAsync(council.Id);
        var designated = await Client.DesignateAsync(Designation(participant.Id, group.Id), Admin);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(20));
        using var call = Client.Watch(new WatchRequest { FromRevision = designated.Revision - 1 }, registry.Issuer.As("svc:access").WithCancellationToken(cts.Token));
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));

        Assert.Equal(designated.Revision, call.ResponseStream.Current.Revision);
        Assert.Equal(designated.Designation.Id, call.ResponseStream.Current.Designation.Id);
    }

    [Fact]
    public async Task RegisterParticipant_SubjectOfAnotherParticipant_AlreadyExists()
    {
        var institution = await _s.InstitutionAsync();
        var first = await _s.ParticipantAsync(institution.Id);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.RegisterParticipantAsync(new RegisterParticipantRequest
        {
            RequestId = NewId(), FullName = "Autre", Function = "Éducateur", InstitutionId = institution.Id,
            Email = "autre@example.org", Subjects = { first.Subjects[0] },
        }, Admin).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, ex.StatusCode);
    }

    [Fact]
    public async Task RegisterParticipant_UnknownInstitution_InvalidArgumentNamingInstitutionId()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.RegisterParticipantAsync(new RegisterParticipantRequest
        {
            RequestId = NewId(), FullName = "Camille", Function = "Éducatrice", InstitutionId = "missing",
            Email = "c@example.org", Subjects = { "sub-" + NewId() },
        }, Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal("institution_id", Assert.Single(ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations).Field);
    }
}
