using System.Net;
using Clspd.ServiceDefaults.Data;

namespace Clspd.Local;

/// <summary>What <see cref="LocalStack"/> runs, where, and where its output goes.</summary>
public sealed class LocalStackOptions
{
    /// <summary>Data directory: SQLite files and the local issuer keys (made absolute).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Which services run behind the gateway (default: all four); the others are not routed.</summary>
    public IReadOnlyCollection<string> Services { get; init; } = StackCatalog.Services;

    /// <summary>The database engine of every service (default SQLite, one file per service in the data directory).</summary>
    public DatabaseProvider DatabaseProvider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// SQL Server or PostgreSQL: one connection string for every service, <c>{service}</c> replaced by the
    /// service's name (<c>Database=clspd_{service}</c>); each database is created when missing.
    /// </summary>
    public string? ConnectionString { get; init; }

    public StackPorts Ports { get; init; } = StackPorts.FromBase(StackPorts.DefaultBase);

    /// <summary>
    /// The loopback address every piece listens on and is called at (default 127.0.0.1): one
    /// organisation per address when several stacks play a federation on one machine.
    /// </summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The organisation its certificates name (subject O), which services tell each other's apart by over mutual TLS.</summary>
    public string Organisation { get; init; } = DevelopmentCertificates.Organisation;

    /// <summary>
    /// The CA certificates (PEM files) of other organisations its pieces also trust, besides their own
    /// development CA: their servers and client certificates are then accepted (mutual TLS across organisations).
    /// </summary>
    public IReadOnlyList<string> TrustedCaFiles { get; init; } = [];

    /// <summary>Receives every line: children's output prefixed with <c>[name]</c>, the stack's own with <c>[local]</c>.</summary>
    public Action<string> Output { get; init; } = Console.WriteLine;

    /// <summary>How long <see cref="LocalStack.StartAsync"/> waits for the gateway to report SERVING.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How long a child has to stop after SIGTERM before its process tree is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How many of the last lines of each child's stdout and of its stderr are kept, so that a child
    /// that exits on its own is reported with them (<see cref="ChildExit"/>, <see cref="LocalStackException"/>).
    /// </summary>
    public int TailLines { get; init; } = 200;

    /// <summary>The <c>dotnet</c> host that runs the dlls (default: DOTNET_HOST_PATH, else dotnet on PATH).</summary>
    public string? DotnetHost { get; init; }

    /// <summary>
    /// Cleartext HTTP/2 (h2c) on every hop, for debugging. By default the services listen with TLS
    /// and call each other with mutual TLS, with certificates of a development CA made in the data
    /// directory (<see cref="DevelopmentCertificates"/>), and the gateway also serves partners over TLS
    /// (<see cref="LocalStack.GatewayTlsAddress"/>); the gateway's main listener is h2c on loopback either way.
    /// </summary>
    public bool InsecureLoopback { get; init; }

    /// <summary>The clock that judges whether the development certificates are still valid.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// More configuration for every service and the gateway, by its configuration key
    /// (<c>Peers:CallTimeoutMilliseconds</c>); it wins over what the stack sets itself.
    /// </summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
