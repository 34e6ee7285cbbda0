using System.Net;
using System.Net.Sockets;
using Clspd.Web.Hosting;
using Clspd.Web.Tests.Infrastructure;

namespace Clspd.Web.Tests;

/// <summary>The console's probes: <c>/healthz</c> answers while the process runs; <c>/readyz</c> once the gateway answers.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_Anonymous_200()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();

        var answer = await browser.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task Readyz_GatewayAnswers_200()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();

        var answer = await browser.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("Healthy", await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Readyz_NoGatewayThere_503()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway, new Dictionary<string, string?> { ["Web:Gateway"] = $"http://127.0.0.1:{ClosedPort()}" });
        using var browser = host.Browser();

        var answer = await browser.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Equal("Unhealthy", await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Readyz_ConsentGatewaySetAndNotThere_503()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway, new Dictionary<string, string?> { ["Web:ConsentGateway"] = $"http://127.0.0.1:{ClosedPort()}" });
        using var browser = host.Browser();

        var answer = await browser.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
    }

    [Fact]
    public async Task Readyz_ConsentGatewaySetAndAnswers_200()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var department = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway, new Dictionary<string, string?> { ["Web:ConsentGateway"] = department.Address.ToString() });
        using var browser = host.Browser();

        var answer = await browser.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Theory]
    [InlineData("https://0.0.0.0:8081")]
    [InlineData("http://0.0.0.0")]
    [InlineData("http://0.0.0.0:8081/health")]
    [InlineData("management")]
    public void Problems_ManagementListenNotHttpWithAPort_Named(string management)
    {
        var problem = Assert.Single(WebOptionsCheck.Problems(new WebOptions { Authority = "https://idp.example.fr", ManagementListen = management }));

        Assert.StartsWith($"Web:ManagementListen is '{management}': give an http:// address with a port and no path", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_ManagementListenOnEveryInterface_Accepted() =>
        Assert.Empty(WebOptionsCheck.Problems(new WebOptions { Authority = "https://idp.example.fr", ManagementListen = "http://0.0.0.0:8081" }));

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
