using Clspd.Registry.V1;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Registry.Tests.Api;

/// <summary>REG-1: the controller and the coordinator, their history and the council's readiness.</summary>
[Collection(SharedRegistry.Name)]
public sealed class CouncilOfficerTests(RegistryHost registry)
{
    private readonly Scenario _s = new(registry);

    private static SetCouncilOfficerRequest Officer(string councilId, CouncilOffice office, string name, string reason = "") =>
        new() { RequestId = Scenario.NewId(), CouncilId = councilId, Office = office, Name = name, Reason = reason };

    [Fact]
    public async Task SetCouncilOfficer_CoordinatorNamed_CouncilBecomesReady_REG_1()
    {
        var council = await _s.CouncilAsync(coordinator: "");
        Assert.False(council.ReadyForNominativeProcessing);

        var set = await _s.Registry.SetCouncilOfficerAsync(Officer(council.Id, CouncilOffice.Coordinator, "Inès Robert"), _s.Admin);
        var read = await _s.Registry.GetCouncilAsync(new GetCouncilRequest { CouncilId = council.Id }, _s.Admin);

        Assert.True(set.Council.ReadyForNominativeProcessing);
        Assert.True(read.Council.ReadyForNominativeProcessing);
        Assert.Equal("Inès Robert", read.Council.CoordinatorName);
        Assert.Equal(("", "Inès Robert", true), (set.Change.PreviousName, set.Change.NewName, set.Change.ReadyForNominativeProcessing));
    }

    [Fact]
    public async Task SetCouncilOfficer_ControllerReplaced_HistoryKeepsPreviousAndNew_REG_1()
    {
        var council = await _s.CouncilAsync();
        await _s.Registry.SetCouncilOfficerAsync(Officer(council.Id, CouncilOffice.Controller, "Paul Lemaire", "élections municipales"), _s.Admin);

        var history = await _s.Registry.ListCouncilOfficerChangesAsync(new ListCouncilOfficerChangesRequest { CouncilId = council.Id }, _s.Admin);

        Assert.Equal(
            [(CouncilOffice.Controller, "", "Le maire"), (CouncilOffice.Coordinator, "", "Coordinatrice Dupont"), (CouncilOffice.Controller, "Le maire", "Paul Lemaire")],
            history.Changes.Select(c => (c.Office, c.PreviousName, c.NewName)));
        Assert.Equal(("élections municipales", "admin"), (history.Changes[2].Reason, history.Changes[2].ChangedBy));
        Assert.All(history.Changes.Skip(1), c => Assert.True(c.ReadyForNominativeProcessing));
    }

    [Fact]
    public async Task SetCouncilOfficer_ByParticipantNotCoordinator_PermissionDenied_REG_1()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var member = await _s.ReadyParticipantAsync(council.Id);
        await _s.DesignateAsync(member.Id, group.Id);

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            _s.Registry.SetCouncilOfficerAsync(Officer(council.Id, CouncilOffice.Coordinator, "Moi-même"), _s.As(member)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REG-1:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetCouncilOfficer_ByDesignatedCoordinator_Succeeds_REG_1()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var coordinator = await _s.CoordinatorAsync(council.Id, group.Id);

        var set = await _s.Registry.SetCouncilOfficerAsync(Officer(council.Id, CouncilOffice.Controller, "Paul Lemaire"), _s.As(coordinator));

        Assert.Equal(coordinator.Subjects[0], set.Change.ChangedBy);
    }

    [Fact]
    public async Task SetCouncilOfficer_SameName_AlreadyExists()
    {
        var council = await _s.CouncilAsync();
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            _s.Registry.SetCouncilOfficerAsync(Officer(council.Id, CouncilOffice.Controller, "Le maire"), _s.Admin).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, ex.StatusCode);
    }

    [Fact]
    public async Task SetCouncilOfficer_UnknownCouncil_NotFound()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            _s.Registry.SetCouncilOfficerAsync(Officer("missing", CouncilOffice.Controller, "X"), _s.Admin).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task SetCouncilOfficer_UnspecifiedOfficeAndLongName_InvalidArgumentNamingFields()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            _s.Registry.SetCouncilOfficerAsync(Officer("c", CouncilOffice.Unspecified, new string('x', 10_000)), _s.Admin).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Equal(["office", "name"], ex.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task Watch_AfterOfficerChange_StreamsOfficerChangeThenCouncilReadiness_REG_1()
    {
        var council = await _s.CouncilAsync(coordinator: "");
        var set = await _s.Registry.SetCouncilOfficerAsync(Officer(council.Id, CouncilOffice.Coordinator, "Inès Robert"), _s.Admin);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(20));
        using var call = _s.Registry.Watch(new WatchRequest { FromRevision = set.Revision - 2 }, _s.As("svc:access").WithCancellationToken(cts.Token));
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(set.Change.Id, call.ResponseStream.Current.CouncilOfficerChange.Id);
        Assert.True(await call.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(set.Revision, call.ResponseStream.Current.Revision);
        Assert.True(call.ResponseStream.Current.Council.ReadyForNominativeProcessing);
    }
}
