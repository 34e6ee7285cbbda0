extern alias gateway;

using System.Globalization;
using System.Net;
using Clspd.Access.V1;
using Clspd.Local;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using gateway::Clspd.Gateway.Configuration;
using gateway::Clspd.Gateway.Routing;
using Yarp.ReverseProxy.Forwarder;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// What this machine costs a Check before any of the project's work (issue #22, <c>h2load --floor</c>): the same frame
/// answered by a gRPC service that only returns a fixed answer (no authentication, decision or audit), directly and
/// through a YARP proxy with the gateway's own routes and backend connections (<see cref="BackendRoutes"/>,
/// <see cref="BackendHttpClientFactory"/>) and none of its middleware (no token check, limits or authorization). Each runs in a process of its own,
/// with the services' runtime settings (server GC, idle thread-pool workers sleeping at once), so that its CPU per call is
/// read from /proc like the stack's.
/// </summary>
public sealed class Floor : IAsyncDisposable
{
    /// <summary>The command line of a floor process: <c>floor-host --role service|proxy --port N [--answer BASE64] [--backend URL]</c>.</summary>
    public const string HostCommand = "floor-host";

    private readonly ChildProcess _service;
    private readonly ChildProcess _proxy;

    private Floor(ChildProcess service, ChildProcess proxy, int servicePort, int proxyPort)
    {
        _service = service;
        _proxy = proxy;
        ServiceAddress = new Uri($"http://127.0.0.1:{servicePort}");
        ProxyAddress = new Uri($"http://127.0.0.1:{proxyPort}");
    }

    public Uri ServiceAddress { get; }

    public Uri ProxyAddress { get; }

    /// <summary>The proxy as "gateway" and the service as "access", the names the stack's processes are reported under.</summary>
    public IReadOnlyDictionary<string, int> ProcessIds() => new Dictionary<string, int>(StringComparer.Ordinal) { ["gateway"] = _proxy.ProcessId, ["access"] = _service.ProcessId };

    /// <summary>The service that answers every Check with <paramref name="answer"/>, on loopback h2c at <paramref name="port"/>.</summary>
    public static WebApplication BuildService(int port, CheckResponse answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var builder = Bare(port);
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(answer);
        var app = builder.Build();
        app.MapGrpcService<FixedAccess>();
        return app;
    }

    /// <summary>
    /// The proxy forwarding every call to <paramref name="backend"/> as the gateway forwards to the access service (its routes,
    /// clusters and backend connections), on loopback h2c at <paramref name="port"/>.
    /// </summary>
    public static WebApplication BuildProxy(int port, Uri backend)
    {
        ArgumentNullException.ThrowIfNull(backend);
        var builder = Bare(port);
        var (routes, clusters) = BackendRoutes.Build(new GatewayOptions { Backends = { ["access"] = backend.ToString() } });
        builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
        builder.Services.AddSingleton<IForwarderHttpClientFactory, BackendHttpClientFactory>();
        var app = builder.Build();
        app.MapReverseProxy();
        return app;
    }

    /// <summary>Runs a floor process until it is killed (the <see cref="HostCommand"/> command).</summary>
    public static async Task RunHostAsync(string role, int port, string? answer, Uri? backend, CancellationToken ct)
    {
        await using var app = role switch
        {
            "service" => BuildService(port, CheckResponse.Parser.ParseFrom(Convert.FromBase64String(answer ?? throw new ArgumentException("--answer is required for --role service", nameof(answer))))),
            "proxy" => BuildProxy(port, backend ?? throw new ArgumentException("--backend is required for --role proxy", nameof(backend))),
            _ => throw new ArgumentException($"--role: '{role}' is neither service nor proxy", nameof(role)),
        };
        await app.StartAsync(ct);
        await app.WaitForShutdownAsync(ct);
    }

    /// <summary>Starts the service and the proxy in two processes on free ports; returns once a Check through the proxy gets <paramref name="answer"/> back.</summary>
    public static async Task<Floor> StartAsync(CheckResponse answer, string token, byte[] frame, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var ports = StackPorts.Free();
        var service = Start("floor-service", "--role", "service", "--port", ports.Access.ToString(CultureInfo.InvariantCulture), "--answer", Convert.ToBase64String(answer.ToByteArray()));
        var proxy = Start("floor-proxy", "--role", "proxy", "--port", ports.Gateway.ToString(CultureInfo.InvariantCulture), "--backend", $"http://127.0.0.1:{ports.Access}");
        var floor = new Floor(service, proxy, ports.Access, ports.Gateway);
        var url = new Uri(floor.ProxyAddress, "/" + AccessService.Descriptor.FullName + "/Check");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                if ((await GrpcFrame.CheckOnceAsync(url, frame, token, ct)).Equals(answer))
                {
                    return floor;
                }
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
            {
                // Not listening yet.
            }

            if (new[] { service, proxy }.FirstOrDefault(p => p.Exited.IsCompleted) is { } exited)
            {
                var exit = exited.ExitOf(await exited.Exited);
                await floor.DisposeAsync();
                throw new InvalidOperationException("the floor did not start: " + exit.Describe());
            }

            if (DateTime.UtcNow > deadline)
            {
                await floor.DisposeAsync();
                throw new InvalidOperationException("the floor's service and proxy did not answer a Check within 60 s");
            }

            await Task.Delay(250, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in new[] { _proxy, _service })
        {
            await process.StopAsync(TimeSpan.FromSeconds(5));
            process.Dispose();
        }
    }

    private static ChildProcess Start(string name, params string[] arguments) =>
        // The runtime settings of the services and the gateway (web hosts: server GC; Directory.Build.targets: the spin limit).
        ChildProcess.Start(name, DotnetHost.Resolve(), typeof(Floor).Assembly.Location,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["DOTNET_gcServer"] = "1", ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0" },
            _ => { }, tailLines: 20, [HostCommand, .. arguments]);

    private static WebApplicationBuilder Bare(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Warnings and above only, as the services and the gateway log: no per-request logging or activity.
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2);
        });
        return builder;
    }

    private sealed class FixedAccess(CheckResponse answer) : AccessService.AccessServiceBase
    {
        public override Task<CheckResponse> Check(CheckRequest request, ServerCallContext context) => Task.FromResult(answer);
    }
}
