using Clspd.Testing;

namespace Clspd.Consent.Tests.Api;

/// <summary><c>Consent:Communes</c>: checked at start-up, each problem a sentence naming the setting.</summary>
public sealed class CommunesSettingTests
{
    [Fact]
    public async Task Startup_CouncilInTwoCommunes_RefusedNamingTheSettings()
    {
        var ex = await StartAsync(new Dictionary<string, string?>
        {
            ["Consent:Communes:a:Organisation"] = "commune-a", ["Consent:Communes:a:Councils:0"] = "council-1", ["Consent:Communes:a:Registry"] = "http://127.0.0.1:9",
            ["Consent:Communes:b:Organisation"] = "commune-b", ["Consent:Communes:b:Councils:0"] = "council-1", ["Consent:Communes:b:Registry"] = "http://127.0.0.1:10",
        });

        Assert.Contains("Consent:Communes:b:Councils names council 'council-1', which Consent:Communes:a already runs", ex, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_CommuneWithoutRegistry_RefusedNamingTheSetting()
    {
        var ex = await StartAsync(new Dictionary<string, string?>
        {
            ["Consent:Communes:a:Organisation"] = "commune-a", ["Consent:Communes:a:Councils:0"] = "council-1",
        });

        Assert.Contains("Consent:Communes:a:Registry is not set", ex, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_CommuneRegistryInCleartextOffLoopback_RefusedNamingTheSetting()
    {
        var ex = await StartAsync(new Dictionary<string, string?>
        {
            ["Consent:Communes:a:Organisation"] = "commune-a", ["Consent:Communes:a:Councils:0"] = "council-1", ["Consent:Communes:a:Registry"] = "http://10.0.0.5:5081",
        });

        Assert.Contains("Consent:Communes:a:Registry is http://10.0.0.5:5081/: a bearer token is never sent in cleartext off loopback", ex, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_CommunesAndServicesRegistry_RefusedNamingBoth()
    {
        var ex = await StartAsync(new Dictionary<string, string?>
        {
            ["Services:Registry"] = "http://127.0.0.1:9",
            ["Consent:Communes:a:Organisation"] = "commune-a", ["Consent:Communes:a:Councils:0"] = "council-1", ["Consent:Communes:a:Registry"] = "http://127.0.0.1:10",
        });

        Assert.Contains("Services:Registry is set next to Consent:Communes, which names each commune's registry: remove Services:Registry", ex, StringComparison.Ordinal);
    }

    private static async Task<string> StartAsync(Dictionary<string, string?> settings)
    {
        using var issuer = new TestIssuer();
        await using var host = new ServiceHost<Program>(issuer, settings);
        var ex = await Assert.ThrowsAnyAsync<Exception>(host.WaitReadyAsync);
        return ex.ToString();
    }
}
