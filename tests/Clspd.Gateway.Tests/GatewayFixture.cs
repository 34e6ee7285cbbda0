using Clspd.Gateway.Tests.Infrastructure;
using Clspd.Testing;

namespace Clspd.Gateway.Tests;

/// <summary>
/// One gateway with registry and consent deployed (two test backends), records and access not
/// deployed, and a small request limit so that oversize calls are cheap.
/// </summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public const int MaxRequestBytes = 64 * 1024;

    public TestIssuer Issuer { get; } = new();

    public TestBackend Registry { get; private set; } = null!;

    public TestBackend Consent { get; private set; } = null!;

    public TestGateway Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Registry = await TestBackend.StartAsync();
        Consent = await TestBackend.StartAsync();
        Gateway = await TestGateway.StartAsync(Issuer, new Dictionary<string, string?>
        {
            ["Gateway:Backends:registry"] = Registry.Address.ToString(),
            ["Gateway:Backends:consent"] = Consent.Address.ToString(),
            ["Gateway:MaxRequestBytes"] = MaxRequestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Registry.DisposeAsync();
        await Consent.DisposeAsync();
        Issuer.Dispose();
    }
}
