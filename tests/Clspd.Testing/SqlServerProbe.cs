using System.Net.Sockets;

namespace Clspd.Testing;

/// <summary>
/// Whether a SQL Server is at hand for the SQL Server suites: an existing server given by
/// <c>CLSPD_TEST_SQLSERVER</c> (a connection string whose login may create databases), or a Docker
/// engine where Testcontainers starts one.
/// </summary>
public static class SqlServerProbe
{
    public const string VariableName = "CLSPD_TEST_SQLSERVER";

    public const string SkipReason = "no SQL Server: set " + VariableName + " to the connection string of a server the tests may create databases on, " +
        "or run where a Docker engine is reachable (Testcontainers then starts mssql/server)";

    private static readonly Lazy<bool> s_docker = new(ProbeDocker);

    /// <summary>The connection string of an existing server, when one is given.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(VariableName) is { Length: > 0 } value ? value : null;

    public static bool IsAvailable => ConnectionString is not null || s_docker.Value;

    private static bool ProbeDocker()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")))
        {
            return true;
        }

        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint("/var/run/docker.sock"));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
