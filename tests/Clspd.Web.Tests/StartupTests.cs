using Clspd.Web.Hosting;
using Clspd.Web.Tests.Infrastructure;

namespace Clspd.Web.Tests;

/// <summary>What the console refuses to start with, each refusal a sentence naming the setting.</summary>
public sealed class StartupTests
{
    [Fact]
    public void Problems_Defaults_WithAuthority_None() =>
        Assert.Empty(WebOptionsCheck.Problems(new WebOptions { Authority = "https://proconnect.example.fr" }));

    [Fact]
    public void Problems_NoAuthority_Named() =>
        Assert.Contains(WebOptionsCheck.Problems(new WebOptions()), p => p.StartsWith("Web:Authority is not set", StringComparison.Ordinal));

    [Theory]
    [InlineData("http://127.0.0.1:5070", true)]
    [InlineData("http://localhost:5070", true)]
    [InlineData("http://idp.example.fr", false)]
    [InlineData("https://idp.example.fr", true)]
    public void Problems_CleartextAuthority_RefusedOffLoopback(string authority, bool accepted)
    {
        var problems = WebOptionsCheck.Problems(new WebOptions { Authority = authority });

        Assert.Equal(accepted, problems.Count == 0);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5090")]
    [InlineData("http://console.example.fr:5090")]
    public void Problems_CleartextListenOffLoopback_Refused(string listen)
    {
        var problem = Assert.Single(WebOptionsCheck.Problems(new WebOptions { Authority = "https://idp.example.fr", Listen = listen }));

        Assert.StartsWith($"Web:Listen is {new Uri(listen)}: cleartext http is only for loopback", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_CleartextGatewayOffLoopback_Refused() =>
        Assert.Contains(WebOptionsCheck.Problems(new WebOptions { Authority = "https://idp.example.fr", Gateway = "http://gateway.example.fr" }),
            p => p.StartsWith("Web:Gateway is http://gateway.example.fr/: a bearer token is never sent in cleartext", StringComparison.Ordinal));

    [Theory]
    [InlineData("http://gateway.departement.example.fr", "Web:ConsentGateway is http://gateway.departement.example.fr/: a bearer token is never sent in cleartext")]
    [InlineData("gateway.departement", "Web:ConsentGateway is 'gateway.departement': it must be an http:// or https:// address.")]
    public void Problems_ConsentGatewayNotHttpsOffLoopback_Refused(string consentGateway, string expected) =>
        Assert.StartsWith(expected,
            Assert.Single(WebOptionsCheck.Problems(new WebOptions { Authority = "https://idp.example.fr", ConsentGateway = consentGateway })), StringComparison.Ordinal);

    [Fact]
    public async Task Start_CleartextAuthorityOffLoopback_RefusedWithSentence()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway, new Dictionary<string, string?> { ["Web:Authority"] = "http://idp.example.fr" });

        var refused = Assert.Throws<InvalidOperationException>(() => host.Browser());

        Assert.Contains("Web:Authority is http://idp.example.fr/: sign-in off loopback goes over https only", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_CleartextListenOffLoopback_RefusedWithSentence()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway, new Dictionary<string, string?> { ["Web:Listen"] = "http://0.0.0.0:5090" });

        var refused = Assert.Throws<InvalidOperationException>(() => host.Browser());

        Assert.Contains("Web:Listen is http://0.0.0.0:5090/: cleartext http is only for loopback", refused.Message, StringComparison.Ordinal);
    }
}
