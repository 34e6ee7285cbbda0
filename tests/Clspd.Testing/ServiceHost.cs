using System.Runtime.ExceptionServices;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Clspd.Testing;

/// <summary>
/// One service in process (TestServer) with its own SQLite file, the test issuer's key and a fake
/// clock; <see cref="Channel"/> talks gRPC to it through the real pipeline (auth, interceptor).
/// </summary>
public class ServiceHost<TProgram> : WebApplicationFactory<TProgram>
    where TProgram : class
{
    private readonly Dictionary<string, string?> _settings;

    public ServiceHost(TestIssuer issuer, IDictionary<string, string?>? settings = null)
    {
        Issuer = issuer;
        DataDirectory = Path.Combine(issuer.Directory, "data-" + Guid.NewGuid().ToString("N")[..8]);
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Auth:IssuerKeyFile"] = issuer.PublicKeyFile,
            ["Auth:BootstrapAdmins:0"] = "admin",
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = DataDirectory,
            ["ServiceAuth:SigningKeyFile"] = issuer.PrivateKeyFile,
            // A loaded machine may take seconds to answer a peer's call; only an unreachable peer
            // may fail a test with ACC-7, never a slow one.
            ["Peers:CallTimeoutMilliseconds"] = "60000",
            ["Access:Audit:CheckpointKeyFile"] = Path.Combine(DataDirectory, "audit-checkpoint.pem"),
            ["Access:Audit:CreateCheckpointKeyIfMissing"] = "true",
        };
        if (HostDatabases.PostgresRun)
        {
            // The same API tests on the test run's private PostgreSQL server, a new database per host.
            _settings["Database:Provider"] = "Postgres";
            _settings["Database:ConnectionString"] = PostgresServer.NewDatabase("clspd_" + typeof(TProgram).Assembly.GetName().Name!.Replace("Clspd.", "", StringComparison.Ordinal).ToLowerInvariant());
            _settings["Database:EnsureDatabase"] = "true";
        }

        if (settings is not null)
        {
            foreach (var (key, value) in settings)
            {
                _settings[key] = value;
            }
        }

        if (string.Equals(_settings["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            // A host started on the data directory of an earlier one (a restart) finds that one's database again.
            if (settings is not null && !settings.ContainsKey("Database:ConnectionString") && settings.TryGetValue("Database:DataDirectory", out var earlier) &&
                earlier is not null && HostDatabases.PostgresOf(earlier) is { } again)
            {
                _settings["Database:ConnectionString"] = again;
            }

            if (_settings.GetValueOrDefault("Database:ConnectionString") is { } connection)
            {
                HostDatabases.Register(DataDirectory, connection);
                if (_settings.GetValueOrDefault("Database:DataDirectory") is { } used)
                {
                    HostDatabases.Register(used, connection);
                }
            }
        }
    }

    /// <summary>Set to <c>Postgres</c> to run a service's API tests on PostgreSQL instead of SQLite (<c>.ci/run</c> does for the services that have PostgreSQL scripts).</summary>
    public const string ProviderVariable = "CLSPD_TEST_PROVIDER";

    public TestIssuer Issuer { get; }

    public string DataDirectory { get; }

    /// <summary>The service's clock: starts at <see cref="TestClock.Start"/>, whatever the machine's date, and moves only when told.</summary>
    public FakeTimeProvider Clock { get; } = TestClock.Create();

    /// <summary>Extra service registrations (e.g. fakes of downstream clients).</summary>
    public Action<IServiceCollection>? ConfigureTestServices { get; init; }

    private readonly StartErrorLog _startError = new();
    private GrpcChannel? _channel;

    public GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
    {
        HttpHandler = Server.CreateHandler(),
        MaxReceiveMessageSize = 16 * 1024 * 1024,
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILoggerProvider>(_startError);
            ConfigureTestServices?.Invoke(services);
        });
    }

    /// <summary>
    /// Waits until migrations are applied (the service answers SERVING). The limit is generous: a
    /// loaded machine may take many seconds to start a host, and that is no failure of the service.
    /// </summary>
    public async Task WaitReadyAsync()
    {
        try
        {
            _ = Server;
        }
        catch (Exception ex) when (_startError.Error is { } refused && !ReferenceEquals(ex, refused))
        {
            // The test server runs the program on a thread of its own: when the host refuses to start, the server may
            // find it already disposed and throw that (dotnet/aspnetcore#33494). The host's own error is what a test
            // of a refusal reads; the host logs it ("Hosting failed to start") before it stops.
            ExceptionDispatchInfo.Throw(refused);
        }

        var health = new Grpc.Health.V1.Health.HealthClient(Channel);
        var giveUpAt = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (DateTime.UtcNow < giveUpAt)
        {
            try
            {
                var reply = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
                if (reply.Status == Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (Grpc.Core.RpcException ex) when (ex.StatusCode == Grpc.Core.StatusCode.Unavailable)
            {
                // Starting up.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("the service did not become SERVING within two minutes");
    }

    // The exception of the host's "Hosting failed to start", kept from the host's own log (nothing else is read).
    private sealed class StartErrorLog : ILoggerProvider, ILogger
    {
        private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";
        private Exception? _error;

        public Exception? Error => Volatile.Read(ref _error);

        public ILogger CreateLogger(string categoryName) => categoryName == HostCategory ? this : NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null)
            {
                Interlocked.CompareExchange(ref _error, exception, null);
            }
        }

        public void Dispose()
        {
        }
    }

    protected override void Dispose(bool disposing)
    {
        _channel?.Dispose();
        base.Dispose(disposing);
        if (disposing && HostDatabases.PostgresOf(DataDirectory) is { } connection)
        {
            // The host's database has a pool of its own, and a stopped host leaves its idle connections open for
            // minutes: hundreds of hosts in one run would take every connection the server allows.
            PostgresServer.ClosePool(connection);
        }
    }
}
