using System.Collections.Concurrent;
using Clspd.Local;
using Clspd.ServiceDefaults.Auth;
using Clspd.Testing;
using Grpc.Core;
using Grpc.Net.Client;

namespace Clspd.EndToEnd.Tests;

/// <summary>The four services and the gateway as separate processes on free loopback ports, with a fresh data directory.</summary>
public sealed class StackFixture : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "clspd-e2e", Guid.NewGuid().ToString("N"));
    private LocalIssuer? _issuer;

    public LocalStack Stack { get; private set; } = null!;

    public ConcurrentQueue<string> Output { get; } = new();

    public GrpcChannel Gateway { get; private set; } = null!;

    public CallOptions As(string subject) => new(new Metadata { { "authorization", "Bearer " + Token(subject) } });

    /// <summary>A bearer token of the stack's issuer for <paramref name="subject"/>, valid ten minutes.</summary>
    public string Token(string subject) => _issuer!.Mint(subject, TimeSpan.FromMinutes(10));

    public Commune Commune => new(Gateway, Gateway, As, TimeProvider.System);

    public GrpcChannel Direct(string service) => Stack.CreateChannel(service);

    public async ValueTask InitializeAsync()
    {
        Stack = new LocalStack(new LocalStackOptions
        {
            DataDirectory = _data,
            // h2c between the services: these tests also call as a service (svc:records) through the gateway,
            // which over mutual TLS is nobody (the gateway's certificate is not the records service's).
            // The mutual TLS stack is run by Clspd.Local.Tests (MutualTlsStackTests, the documentation) and Clspd.Cli.Tests.
            InsecureLoopback = true,
            Ports = StackPorts.Free(),
            Output = Output.Enqueue,
            StartTimeout = TimeSpan.FromSeconds(120),
            // Slow is not unreachable: on a loaded machine a peer may take seconds to answer.
            Settings = new Dictionary<string, string> { ["Peers:CallTimeoutMilliseconds"] = "60000" },
        });
        await Stack.StartAsync(TestContext.Current.CancellationToken);
        _issuer = LocalIssuer.Load(Path.Combine(_data, LocalIssuer.PrivateKeyFileName));
        Gateway = GrpcChannel.ForAddress(Stack.GatewayAddress);
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        _issuer?.Dispose();
        await Stack.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
