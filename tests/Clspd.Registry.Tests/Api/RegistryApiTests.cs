using Clspd.Registry.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Registry.Tests.Api;

public sealed class RegistryApiTests(RegistryHost registry) : IClassFixture<RegistryHost>
{
    private RegistryService.RegistryServiceClient Client => registry.Client;

    private CallOptions Admin => registry.Issuer.As("admin");

    private static string NewId() => Guid.NewGuid().ToString("N");

    private async Task<Council> CouncilAsync(string coordinator = "Coordinatrice Dupont") =>
        (await Client.CreateCouncilAsync(new CreateCouncilRequest
        {
            RequestId = NewId(), Name = "CLSPD de Villeneuve", Kind = CouncilKind.Clspd, CommuneInseeCodes = { "94079" },
            ControllerName = "Le maire", CoordinatorName = coordinator,
        }, Admin)).Council;

    private async Task<Group> GroupAsync(string councilId, GroupKind kind = GroupKind.Territorial) =>
        (await Client.CreateGroupAsync(new CreateGroupRequest { RequestId = NewId(), CouncilId = councilId, Name = "Groupe " + NewId(), Kind = kind }, Admin)).Group;

    private async Task<Participant> ParticipantAsync(InstitutionKind kind = InstitutionKind.SpecialisedPrevention)
    {
        var institution = (await Client.CreateInstitutionAsync(new CreateInstitutionRequest { RequestId = NewId(), Name = "Institution " + NewId(), Kind = kind }, Admin)).Institution;
        return (await Client.RegisterParticipantAsync(new RegisterParticipantRequest
        {
            RequestId = NewId(), FullName = "Camille Martin", Function = "Éducatrice", InstitutionId = institution.Id,
            Email = "camille@example.org", Subjects = { "sub-" + NewId() },
        }, Admin)).Participant;
    }

    private static DesignateRequest Designation(string participantId, string groupId, Role role = Role.GroupMember) => new()
    {
        RequestId = NewId(),
        Order = new MayorOrder { Number = "2026-114", Date = new Google.Type.Date { Year = 2026, Month = 11, Day = 2 }, SignedBy = "Le maire" },
        ParticipantId = participantId, GroupId = groupId, Role = role,
        ValidFrom = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)),
        ValidTo = Timestamp.FromDateTimeOffset(new DateTimeOffset(2027, 11, 1, 0, 0, 0, TimeSpan.Zero)),
    };

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
        var participant = await ParticipantAsync();
        var designated = await Client.DesignateAsync(Designation(participant.Id, group.Id), Admin);

        var list = await Client.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest
        {
            Subject = participant.Subjects[0], At = Timestamp.FromDateTimeOffset(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        }, registry.Issuer.As(participant.Subjects[0]));

        var d = Assert.Single(list.Designations);
        Assert.Equal(designated.Designation.Id, d.Id);
        Assert.Equal((Role.GroupMember, GroupKind.Territorial, InstitutionKind.SpecialisedPrevention, "2026-114"), (d.Role, d.GroupKind, d.InstitutionKind, d.Order.Number));
        Assert.Empty(designated.Warnings);
        Assert.True(list.Revision >= designated.Revision);
    }

    [Fact]
    public async Task Designate_OutsideValidity_NotListed_REG_4()
    {
        var council = await CouncilAsync();
        var group = await GroupAsync(council.Id);
        var participant = await ParticipantAsync();
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
    [InlineData("valid_to")]
    [InlineData("case_ref")]
    public async Task Designate_MissingOrderDataOrBinding_InvalidArgumentNamingField_REG_4(string field)
    {
        var request = Designation("p", "g", field == "case_ref" ? Role.PathReferent : Role.GroupMember);
        switch (field)
        {
            case "order.number": request.Order.Number = ""; break;
            case "order.signed_by": request.Order.SignedBy = " "; break;
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
        var participant = await ParticipantAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.DesignateAsync(Designation(participant.Id, plenary.Id), Admin).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, ex.StatusCode);
        Assert.Equal("REG-2", ex.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations[0].Type);
    }

    [Fact]
    public async Task Designate_PoliceParticipant_SucceedsWithWarning_REG_6()
    {
        var council = await CouncilAsync();
        var group = await GroupAsync(council.Id);
        var police = await ParticipantAsync(InstitutionKind.Police);

        var response = await Client.DesignateAsync(Designation(police.Id, group.Id), Admin);

        Assert.StartsWith("REG-6:", Assert.Single(response.Warnings), StringComparison.Ordinal);
        Assert.Equal(InstitutionKind.Police, response.Designation.InstitutionKind);
    }

    [Fact]
    public async Task Designate_UnknownGroup_NotFound()
    {
        var participant = await ParticipantAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() => Client.DesignateAsync(Designation(participant.Id, "missing-group"), Admin).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
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
        var participant = await ParticipantAsync();
        var designated = await Client.DesignateAsync(Designation(participant.Id, group.Id), Admin);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(20));
        using var call = Client.Watch(new WatchRequest { FromRevision = designated.Revision - 1 }, registry.Issuer.As("svc:access").WithCancellationToken(cts.Token));
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));

        Assert.Equal(designated.Revision, call.ResponseStream.Current.Revision);
        Assert.Equal(designated.Designation.Id, call.ResponseStream.Current.Designation.Id);
    }
}
