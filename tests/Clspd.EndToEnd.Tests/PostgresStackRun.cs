using System.Collections.Concurrent;
using Clspd.Local;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using Npgsql;

namespace Clspd.EndToEnd.Tests;

/// <summary>
/// The local stack on the private PostgreSQL test server (<c>--provider postgres</c>): one database per
/// service, <c>{prefix}_{service}</c>, created by the services themselves. Started again on the same data
/// directory and the same databases, it finds what the previous run left (<see cref="RestartAsync"/>).
/// </summary>
public sealed class PostgresStackRun : IAsyncDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "clspd-e2e", Guid.NewGuid().ToString("N"));
    private LocalIssuer? _issuer;

    public PostgresStackRun(string prefix)
    {
        var server = new NpgsqlConnectionStringBuilder(PostgresServer.NewDatabase(prefix));
        DatabasePrefix = server.Database!;
        server.Database = DatabasePrefix + "_{service}";
        ConnectionTemplate = server.ConnectionString;
    }

    /// <summary>The connection string given to the stack, <c>{service}</c> still in it.</summary>
    public string ConnectionTemplate { get; }

    public string DatabasePrefix { get; }

    public string DataDirectory => _data;

    public LocalStack Stack { get; private set; } = null!;

    public ConcurrentQueue<string> Output { get; } = new();

    public GrpcChannel Gateway { get; private set; } = null!;

    public CallOptions As(string subject) => new(new Metadata { { "authorization", "Bearer " + _issuer!.Mint(subject, TimeSpan.FromMinutes(10)) } });

    public Commune Commune => new(Gateway, Gateway, As, TimeProvider.System);

    /// <summary>A connection to the database of <paramref name="service"/> on the test server.</summary>
    public NpgsqlConnection Open(string service)
    {
        var connection = new NpgsqlConnection(ConnectionTemplate.Replace("{service}", service, StringComparison.Ordinal));
        connection.Open();
        return connection;
    }

    public async Task StartAsync()
    {
        Stack = new LocalStack(new LocalStackOptions
        {
            DataDirectory = _data,
            DatabaseProvider = DatabaseProvider.Postgres,
            ConnectionString = ConnectionTemplate,
            // h2c between the services: the tests call access as the records service (svc:records).
            InsecureLoopback = true,
            Ports = StackPorts.Free(),
            Output = Output.Enqueue,
            StartTimeout = TimeSpan.FromSeconds(180),
            Settings = new Dictionary<string, string> { ["Peers:CallTimeoutMilliseconds"] = "60000" },
        });
        await Stack.StartAsync(TestContext.Current.CancellationToken);
        _issuer ??= LocalIssuer.Load(Path.Combine(_data, LocalIssuer.PrivateKeyFileName));
        Gateway = GrpcChannel.ForAddress(Stack.GatewayAddress);
    }

    /// <summary>Stops what is left of the stack and starts it again on the same data directory and databases.</summary>
    public async Task RestartAsync()
    {
        Gateway.Dispose();
        await Stack.DisposeAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        _issuer?.Dispose();
        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

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
