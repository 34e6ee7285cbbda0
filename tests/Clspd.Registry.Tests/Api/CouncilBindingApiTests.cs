using Clspd.Registry.V1;
using Grpc.Core;

namespace Clspd.Registry.Tests.Api;

/// <summary>
/// A registry trusting one issuer bound to council X: a coordinator of another council Y, whose
/// token comes from that issuer, acts for X only and may not manage Y (REG-1, REG-2); administrators
/// are not bound.
/// </summary>
public sealed class CouncilBindingApiTests : IAsyncLifetime
{
    private readonly RegistryHost _host = new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Auth:Issuers:commune-a:Issuer"] = "clspd-local",
            ["Auth:Issuers:commune-a:Organisation"] = "commune-a",
            ["Auth:Issuers:commune-a:Councils:0"] = "council-x",
            ["Auth:Issuers:commune-a:IssuesServiceIdentities"] = "true",
            ["Auth:Issuers:commune-a:IssuesAdministrators"] = "true",
        },
    };

    private Scenario _s = null!;

    public async ValueTask InitializeAsync()
    {
        _host.Settings!["Auth:Issuers:commune-a:KeyFile"] = _host.Issuer.PublicKeyFile;
        await _host.InitializeAsync();
        _s = new Scenario(_host);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task SetCouncilOfficer_CoordinatorOfY_TokenBoundToX_PermissionDenied_REG_1()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var coordinator = await _s.CoordinatorAsync(council.Id, group.Id);

        var ex = await Assert.ThrowsAsync<RpcException>(() => _s.Registry.SetCouncilOfficerAsync(new SetCouncilOfficerRequest
        {
            RequestId = Scenario.NewId(), CouncilId = council.Id, Office = CouncilOffice.Controller, Name = "Paul Lemaire",
        }, _s.As(coordinator)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REG-1:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateGroup_CoordinatorOfY_TokenBoundToX_PermissionDenied_REG_2()
    {
        var council = await _s.CouncilAsync();
        var group = await _s.GroupAsync(council.Id);
        var coordinator = await _s.CoordinatorAsync(council.Id, group.Id);

        var ex = await Assert.ThrowsAsync<RpcException>(() => _s.Registry.CreateGroupAsync(new CreateGroupRequest
        {
            RequestId = Scenario.NewId(), CouncilId = council.Id, Name = "Nord", Kind = GroupKind.Thematic,
        }, _s.As(coordinator)).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REG-2:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateCouncil_AdminSubjectMintedByAnotherOrganisationsIssuer_PermissionDenied_REG_1()
    {
        // Another organisation's issuer is trusted for its own people, not to make this one's administrators.
        var directory = Path.Combine(_host.Issuer.Directory, "commune-b");
        using var other = Clspd.ServiceDefaults.Auth.LocalIssuer.EnsureCreated(directory, issuer: "commune-b");
        await using var host = new Clspd.Testing.ServiceHost<Program>(_host.Issuer, new Dictionary<string, string?>
        {
            ["Auth:Issuers:commune-a:Issuer"] = "clspd-local",
            ["Auth:Issuers:commune-a:KeyFile"] = _host.Issuer.PublicKeyFile,
            ["Auth:Issuers:commune-a:IssuesServiceIdentities"] = "true",
            ["Auth:Issuers:commune-a:IssuesAdministrators"] = "true",
            ["Auth:Issuers:commune-b:Issuer"] = "commune-b",
            ["Auth:Issuers:commune-b:KeyFile"] = Path.Combine(directory, Clspd.ServiceDefaults.Auth.LocalIssuer.PublicKeyFileName),
            ["Auth:Issuers:commune-b:Organisation"] = "commune-b",
            ["Auth:Issuers:commune-b:IssuesServiceIdentities"] = "true",
        });
        await host.WaitReadyAsync();
        var registry = new RegistryService.RegistryServiceClient(host.Channel);
        CreateCouncilRequest Request() => new()
        {
            RequestId = Scenario.NewId(), Name = "CLSPD de Villeneuve", Kind = CouncilKind.Clspd, CommuneInseeCodes = { "94079" },
            ControllerName = "Le maire", CoordinatorName = "Coordinatrice Dupont",
        };

        var ex = await Assert.ThrowsAsync<RpcException>(() => registry.CreateCouncilAsync(Request(),
            new CallOptions(new Metadata { { "authorization", "Bearer " + other.Mint("admin", TimeSpan.FromHours(1)) } })).ResponseAsync);
        var own = await registry.CreateCouncilAsync(Request(), _host.Issuer.As("admin"));

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REG-1:", ex.Status.Detail, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(own.Council.Id));
    }
}
