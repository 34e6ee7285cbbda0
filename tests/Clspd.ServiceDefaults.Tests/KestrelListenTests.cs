using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>
/// Where a service listens: <c>Service:Listen</c> when set, else the usual ASP.NET Core settings (a container image's
/// <c>ASPNETCORE_HTTP_PORTS</c>, <c>ASPNETCORE_URLS</c>), else the service's loopback default; always HTTP/2 only.
/// </summary>
public sealed class KestrelListenTests
{
    [Fact]
    public async Task UseClspdKestrel_HttpPortsGivenAndNoListen_ServesH2cOnThosePorts()
    {
        var port = FreePort();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[WebHostDefaults.HttpPortsKey] = port.ToString(CultureInfo.InvariantCulture);
        builder.UseClspdKestrel(defaultListen: $"http://127.0.0.1:{FreePort()}");
        await using var app = await StartAsync(builder);

        Assert.Equal(HttpVersion.Version20, await GetVersionAsync(port, HttpVersion.Version20));
        // HTTP/2 only: an HTTP/1.1 request is refused.
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var http11 = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/"), TestContext.Current.CancellationToken);
        Assert.False(http11.IsSuccessStatusCode);
        Assert.Contains("HTTP/2 only", await http11.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseClspdKestrel_UrlsGivenAndNoListen_ServesThoseUrls()
    {
        var port = FreePort();
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[WebHostDefaults.ServerUrlsKey] = $"http://127.0.0.1:{port}";
        builder.UseClspdKestrel(defaultListen: $"http://127.0.0.1:{FreePort()}");
        await using var app = await StartAsync(builder);

        Assert.Equal(HttpVersion.Version20, await GetVersionAsync(port, HttpVersion.Version20));
    }

    [Fact]
    public async Task UseClspdKestrel_ListenSet_WinsOverHttpPorts()
    {
        var (listen, ports) = (FreePort(), FreePort());
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Service:Listen"] = $"http://127.0.0.1:{listen}";
        builder.Configuration[WebHostDefaults.HttpPortsKey] = ports.ToString(CultureInfo.InvariantCulture);
        builder.UseClspdKestrel(defaultListen: $"http://127.0.0.1:{FreePort()}");
        await using var app = await StartAsync(builder);

        Assert.Equal(HttpVersion.Version20, await GetVersionAsync(listen, HttpVersion.Version20));
        await Assert.ThrowsAsync<HttpRequestException>(() => GetVersionAsync(ports, HttpVersion.Version20));
    }

    [Fact]
    public async Task UseClspdKestrel_NothingGiven_ListensOnTheDefault()
    {
        var port = FreePort();
        var builder = WebApplication.CreateBuilder();
        builder.UseClspdKestrel(defaultListen: $"http://127.0.0.1:{port}");
        await using var app = await StartAsync(builder);

        Assert.Equal(HttpVersion.Version20, await GetVersionAsync(port, HttpVersion.Version20));
    }

    private static async Task<WebApplication> StartAsync(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.MapGet("/", () => Results.Text("h2c"));
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    private static async Task<Version> GetVersionAsync(int port, Version version)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/")
        {
            Version = version,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal("h2c", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return response.Version;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
