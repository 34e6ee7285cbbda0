using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Clspd.ServiceDefaults.Health;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>
/// <c>/healthz</c> (alive, nothing checked), <c>/readyz</c> (the checks tagged ready, peers among them) and the
/// HTTP/1.1 management listener that kubelet and Docker health checks reach them on.
/// </summary>
public sealed class HealthEndpointsTests
{
    [Fact]
    public async Task Healthz_ManagementListenerOverHttp11_HealthyWhateverTheDatabase()
    {
        var (listen, management) = (FreePort(), FreePort());
        await using var app = await StartAsync(listen, management, databaseHealthy: false);

        using var response = await GetHttp11Async(management, HealthEndpoints.LivePath);

        Assert.Equal((HttpStatusCode.OK, HttpVersion.Version11, "Healthy"),
            (response.StatusCode, response.Version, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Readyz_DatabaseMissing_ServiceUnavailable()
    {
        var (listen, management) = (FreePort(), FreePort());
        await using var app = await StartAsync(listen, management, databaseHealthy: false);

        using var response = await GetHttp11Async(management, HealthEndpoints.ReadyPath);

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"),
            (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Readyz_DatabaseAnswers_Healthy()
    {
        var (listen, management) = (FreePort(), FreePort());
        await using var app = await StartAsync(listen, management, databaseHealthy: true);

        using var response = await GetHttp11Async(management, HealthEndpoints.ReadyPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ManagementListener_AnyOtherPath_NotFound()
    {
        var (listen, management) = (FreePort(), FreePort());
        await using var app = await StartAsync(listen, management, databaseHealthy: true);

        using var response = await GetHttp11Async(management, "/grpc.health.v1.Health/Check");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_MainListener_ServedOverH2c()
    {
        var (listen, management) = (FreePort(), FreePort());
        await using var app = await StartAsync(listen, management, databaseHealthy: false);

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{listen}{HealthEndpoints.LivePath}")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpVersion.Version20), (response.StatusCode, response.Version));
    }

    [Fact]
    public void ManagementListen_WithHttpPorts_RefusedWithASentence()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[Microsoft.AspNetCore.Hosting.WebHostDefaults.HttpPortsKey] = "8080";
        builder.Configuration[ManagementListener.Key] = "http://127.0.0.1:8081";

        var e = Assert.Throws<InvalidOperationException>(() => builder.UseClspdKestrel(defaultListen: "http://127.0.0.1:5999"));

        Assert.Contains("Service:ManagementListen is set together with ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_PeerUnreachable_UnhealthyButGrpcHealthServing()
    {
        await using var app = await StartAsync(FreePort(), management: null, databaseHealthy: true, peer: $"http://127.0.0.1:{FreePort()}");

        var report = await app.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(r => r.Tags.Contains(HealthTags.Ready), TestContext.Current.CancellationToken);

        Assert.Equal((HealthStatus.Unhealthy, HealthStatus.Unhealthy, HealthStatus.Healthy),
            (report.Status, report.Entries["peer:Peer"].Status, report.Entries["database"].Status));
        var grpc = await GrpcHealthAsync(app);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, grpc);
    }

    [Fact]
    public async Task Readyz_PeerAnswers_Healthy()
    {
        var peerPort = FreePort();
        await using var peer = await StartAsync(peerPort, management: null, databaseHealthy: false);
        await using var app = await StartAsync(FreePort(), management: null, databaseHealthy: true, peer: $"http://127.0.0.1:{peerPort}");

        var report = await app.Services.GetRequiredService<HealthCheckService>()
            .CheckHealthAsync(r => r.Tags.Contains(HealthTags.Ready), TestContext.Current.CancellationToken);

        // The peer's database is down, but it answers: readiness does not cascade from service to service.
        Assert.Equal((HealthStatus.Healthy, "Peer answers"), (report.Status, report.Entries["peer:Peer"].Description));
    }

    private static async Task<WebApplication> StartAsync(int listen, int? management, bool databaseHealthy, string? peer = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Service:Listen"] = $"http://127.0.0.1:{listen}",
            [ManagementListener.Key] = management is { } port ? $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}" : null,
            ["Services:Peer"] = peer,
        });
        builder.UseClspdKestrel(defaultListen: $"http://127.0.0.1:{listen}");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddGrpc();
        builder.Services.AddClspdHealthChecks()
            .AddCheck("database", () => databaseHealthy ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("database unreachable"), [HealthTags.Ready]);
        if (peer is not null)
        {
            builder.Services.AddClspdClient<Grpc.Health.V1.Health.HealthClient>("Peer");
        }

        var app = builder.Build();
        app.UseManagementListener();
        app.MapClspdHealth();
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    private static async Task<HttpResponseMessage> GetHttp11Async(int port, string path)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}{path}")
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<HealthCheckResponse.Types.ServingStatus> GrpcHealthAsync(WebApplication app)
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(app.Urls.First());
        var reply = await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(),
            cancellationToken: TestContext.Current.CancellationToken);
        return reply.Status;
    }
}
