using System.Collections.Concurrent;
using System.Net;
using Clspd.Registry.V1;
using Clspd.Testing;

namespace Clspd.Federation.Tests;

/// <summary>
/// Two communes and one department, started once for the test class: commune A on 127.0.0.2 and
/// commune B on 127.0.0.3 (registry, records, access, gateway each), the department on 127.0.0.4
/// (consent serving both communes, and its gateway). Every hop between services is mutual TLS;
/// each organisation has its own CA and its own issuer.
/// <list type="bullet">
/// <item>A commune's services trust its own issuer and the department's (whose consent asks the
/// commune's registry for designations), and the CAs of itself and of the department — not the
/// other commune's: a token of commune B's issuer is nobody at commune A.</item>
/// <item>The department trusts its own issuer and each commune's, bound to that commune's council,
/// and the three CAs; <c>Consent:Communes</c> names each commune's organisation, council and registry.</item>
/// </list>
/// The department is configured with the councils the communes' registries created, and a
/// commune's services follow the department's consent from their start: so each commune's registry
/// runs alone first to create its council, then the department starts, then each commune in full.
/// </summary>
public sealed class FederationFixture : IAsyncLifetime
{
    private static readonly string[] CommuneServices = ["registry", "records", "access"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "clspd-federation", Guid.NewGuid().ToString("N")[..12]);

    public ConcurrentQueue<string> Output { get; } = new();

    public FederationOrganisation A { get; private set; } = null!;

    public FederationOrganisation B { get; private set; } = null!;

    public FederationOrganisation Department { get; private set; } = null!;

    public Council CouncilA { get; private set; } = null!;

    public Council CouncilB { get; private set; } = null!;

    /// <summary>Commune A built through its gateway by its administrator, consent at the department (by the department's administrator).</summary>
    public Commune CommuneA { get; private set; } = null!;

    public Commune CommuneB { get; private set; } = null!;

    /// <summary>The department's people, through the department's gateway: notices, informings, decisions.</summary>
    public Commune DepartmentDesk { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        A = new FederationOrganisation("commune-a", IPAddress.Parse("127.0.0.2"), _root, CommuneServices, Output);
        B = new FederationOrganisation("commune-b", IPAddress.Parse("127.0.0.3"), _root, CommuneServices, Output);
        Department = new FederationOrganisation("department", IPAddress.Parse("127.0.0.4"), _root, ["consent"], Output);

        CouncilA = await CouncilOfAsync(A, ct);
        CouncilB = await CouncilOfAsync(B, ct);
        await Department.StartAsync([A, B], DepartmentSettings(), ct);
        await A.StartAsync([Department], CommuneSettings(), ct);
        await B.StartAsync([Department], CommuneSettings(), ct);
        CommuneA = new Commune(A.Gateway, Department.Gateway, A.As, TimeProvider.System);
        CommuneB = new Commune(B.Gateway, Department.Gateway, B.As, TimeProvider.System);
        DepartmentDesk = new Commune(Department.Gateway, Department.Gateway, Department.As, TimeProvider.System);
    }

    private async Task<Council> CouncilOfAsync(FederationOrganisation commune, CancellationToken ct)
    {
        await commune.StartAsync([Department], CommuneSettings(), ct, only: ["registry"]);
        var council = await new Commune(commune.Gateway, commune.Gateway, commune.As, TimeProvider.System).CouncilAsync();
        await commune.StopAsync();
        return council;
    }

    private IEnumerable<KeyValuePair<string, string>> CommuneSettings() =>
        Department.IssuerTrust().Append(new("Services:Consent", Department.EndpointOf("consent")));

    private IEnumerable<KeyValuePair<string, string>> DepartmentSettings()
    {
        foreach (var setting in A.IssuerTrust(CouncilA.Id).Concat(B.IssuerTrust(CouncilB.Id)))
        {
            yield return setting;
        }

        // Each commune names its own registry: no single one.
        yield return new("Services:Registry", "");
        foreach (var (commune, council) in new[] { (A, CouncilA), (B, CouncilB) })
        {
            yield return new($"Consent:Communes:{commune.Name}:Organisation", commune.Name);
            yield return new($"Consent:Communes:{commune.Name}:Councils:0", council.Id);
            yield return new($"Consent:Communes:{commune.Name}:Registry", commune.EndpointOf("registry"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var organisation in new[] { Department, B, A })
        {
            if (organisation is not null)
            {
                await organisation.DisposeAsync();
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
