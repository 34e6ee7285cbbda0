using Clspd.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Clspd.Gateway.Tests.Infrastructure;

/// <summary>
/// The real gateway (same wiring as its Program) on real Kestrel h2c, on a free loopback port, trusting
/// a <see cref="TestIssuer"/>. No backend is deployed unless <c>Gateway:Backends:{name}</c> is given.
/// Its clock (<see cref="Clock"/>) moves only when told; what it logs is in <see cref="Logs"/>.
/// </summary>
public sealed class TestGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestGateway(WebApplication app, FakeTimeProvider clock, LogCapture logs)
    {
        _app = app;
        Clock = clock;
        Logs = logs;
        // The main listener first, then the JSON listener when one was asked for (Gateway:JsonListen); the partners'
        // TLS listener (Gateway:TlsListen) is the https:// one.
        var urls = app.Urls.Select(u => new Uri(u)).ToList();
        var cleartext = urls.Where(u => u.Scheme == Uri.UriSchemeHttp).ToList();
        Address = cleartext[0];
        JsonAddress = cleartext.Count > 1 ? cleartext[1] : null;
        TlsAddress = urls.FirstOrDefault(u => u.Scheme == Uri.UriSchemeHttps);
        Channel = GrpcChannel.ForAddress(Address);
    }

    public Uri Address { get; }

    /// <summary>The JSON listener (HTTP/1.1), when <c>Gateway:JsonListen</c> was given; none by default.</summary>
    public Uri? JsonAddress { get; }

    /// <summary>The partners' TLS listener, when <c>Gateway:TlsListen</c> was given; none by default.</summary>
    public Uri? TlsAddress { get; }

    public GrpcChannel Channel { get; }

    /// <summary>The gateway's clock (health cache): starts at the real time, moves only when told.</summary>
    public FakeTimeProvider Clock { get; }

    public LogCapture Logs { get; }

    /// <summary>The gateway's services (its meter factory, for a MetricCollector).</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<TestGateway> StartAsync(TestIssuer issuer, IDictionary<string, string?> settings)
    {
        var configuration = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Service:Listen"] = "http://127.0.0.1:0",
            ["Auth:IssuerKeyFile"] = issuer.PublicKeyFile,
            // No second listener on the fixed default port unless a test asks for one (on port 0).
            ["Gateway:JsonListen"] = string.Empty,
        };
        foreach (var package in ProbeMethods.Packages)
        {
            configuration[$"Gateway:Backends:{package}"] = string.Empty;
        }

        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        var logs = new LogCapture();
        builder.Logging.AddProvider(logs);
        builder.AddClspdGateway();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        builder.Services.AddSingleton<TimeProvider>(clock);
        var app = builder.Build();
        app.MapClspdGateway();
        await app.StartAsync();
        return new TestGateway(app, clock, logs);
    }

    public CallInvoker Invoker => Channel.CreateCallInvoker();

    public async Task<HealthCheckResponse.Types.ServingStatus> HealthAsync() =>
        (await new Grpc.Health.V1.Health.HealthClient(Channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10))).Status;

    /// <summary>The HTTP status of a GET of <paramref name="path"/> over h2c (health endpoints).</summary>
    public async Task<System.Net.HttpStatusCode> GetStatusAsync(string path)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Address, path))
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
