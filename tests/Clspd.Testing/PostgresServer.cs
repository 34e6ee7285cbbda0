using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Clspd.Testing;

/// <summary>
/// A private PostgreSQL server for the test run, started from the installed binaries (Debian's
/// <c>postgresql</c> package): <c>initdb</c> into a temporary folder, a free loopback port, trust
/// authentication for loopback only, stopped and removed when the test process ends. A real server,
/// never a mock. As root, the server runs as the <c>postgres</c> user (PostgreSQL refuses root).
/// </summary>
public static class PostgresServer
{
    public const string SkipReason = "no PostgreSQL binaries (initdb, pg_ctl): install Debian's postgresql package (.ci/run does)";

    private static readonly Lazy<Instance?> s_instance = new(Start);

    public static bool IsAvailable => BinDirectory() is not null;

    /// <summary>A connection string to a new, empty database on the shared server.</summary>
    public static string NewDatabase(string prefix)
    {
        var instance = s_instance.Value ?? throw new InvalidOperationException(SkipReason);
        var name = prefix + "_" + Guid.NewGuid().ToString("N")[..12];
        return new NpgsqlConnectionStringBuilder(instance.ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>The connection string of the server's maintenance database.</summary>
    public static string Maintenance => (s_instance.Value ?? throw new InvalidOperationException(SkipReason)).ConnectionString;

    /// <summary>
    /// Closes the pooled connections to a database of the server: those idle at once, those in use when they are
    /// given back. A new connection opens a new pool.
    /// </summary>
    public static void ClosePool(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    private static string? BinDirectory()
    {
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("CLSPD_PG_BIN") }
            .Concat(Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")) : []))
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "pg_ctl")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static Instance? Start()
    {
        var bin = BinDirectory();
        if (bin is null)
        {
            return null;
        }

        // Not under the owner-only clspd-tests folder: the postgres user must reach it.
        var root = Path.Combine(Path.GetTempPath(), "clspd-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var data = Path.Combine(root, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", ["postgres:postgres", root]);
        }

        Run(bin, "initdb", asRoot, ["-D", data, "-U", "clspd", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
        // The port is free when drawn, not always when the server binds it (another process of the run may take it
        // in between): a server that cannot start is started again on another port.
        int port;
        for (var attempt = 1; ; attempt++)
        {
            port = FreePort();
            try
            {
                // Loopback only, the socket in the server's own folder; no fsync (the tests never crash the server itself).
                Run(bin, "pg_ctl", asRoot, ["-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o",
                    $"-p {port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off -c full_page_writes=off -c max_connections=300", "start"]);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // Most likely the port was taken in between (server.log says): drawn again.
            }
        }

        var instance = new Instance(bin, root, data, asRoot,
            new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1",
                Port = port,
                Username = "clspd",
                Database = "postgres",
                MaxPoolSize = 20,
                // Every test database has a pool of its own, and a run makes hundreds of them: an idle connection is
                // closed after seconds, not the default five minutes, so the pools of finished tests do not add up to
                // the server's max_connections.
                ConnectionIdleLifetime = 3,
                ConnectionPruningInterval = 1,
            }.ConnectionString);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => instance.Stop();
        return instance;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string bin, string tool, bool asRoot, string[] arguments) =>
        Run(asRoot ? "runuser" : Path.Combine(bin, tool), asRoot ? ["-u", "postgres", "--", Path.Combine(bin, tool), .. arguments] : arguments);

    private static void Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish in 120 s");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error.Result}{output.Result}");
        }
    }

    private sealed class Instance(string bin, string root, string data, bool asRoot, string connectionString)
    {
        public string ConnectionString { get; } = connectionString;

        public void Stop()
        {
            try
            {
                NpgsqlConnection.ClearAllPools();
                Run(bin, "pg_ctl", asRoot, ["-D", data, "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Already stopped: the folder still goes.
            }

            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
