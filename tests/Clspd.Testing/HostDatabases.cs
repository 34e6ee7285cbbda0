using System.Collections.Concurrent;

namespace Clspd.Testing;

/// <summary>
/// Which database a test host runs on, found by its data directory: tests that look into a service's
/// database behind its back (counting rows, tampering) reach it on whichever provider the host uses.
/// </summary>
public static class HostDatabases
{
    private static readonly ConcurrentDictionary<string, string> s_postgres = new(StringComparer.Ordinal);

    /// <summary>Whether this test run puts the hosts on PostgreSQL (<c>CLSPD_TEST_PROVIDER=Postgres</c>).</summary>
    public static bool PostgresRun =>
        string.Equals(Environment.GetEnvironmentVariable(ServiceHost<object>.ProviderVariable), "Postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>What a test checking SQLite's files says when it is skipped on PostgreSQL.</summary>
    public const string SqliteFilesOnly = "checks the SQLite database files; this run puts the hosts on PostgreSQL";

    /// <summary>The PostgreSQL connection string of the host with this data directory, or null when it runs on SQLite.</summary>
    public static string? PostgresOf(string dataDirectory) => s_postgres.TryGetValue(Path.GetFullPath(dataDirectory), out var connection) ? connection : null;

    internal static void Register(string dataDirectory, string connectionString) => s_postgres[Path.GetFullPath(dataDirectory)] = connectionString;
}
