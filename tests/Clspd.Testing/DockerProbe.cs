using System.Net.Sockets;

namespace Clspd.Testing;

/// <summary>Whether a Docker engine is reachable (for the Testcontainers SQL Server suites).</summary>
public static class DockerProbe
{
    public const string SkipReason = "no Docker engine reachable: the SQL Server suite runs only where Testcontainers can start mssql/server";

    private static readonly Lazy<bool> s_available = new(Probe);

    public static bool IsAvailable => s_available.Value;

    private static bool Probe()
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
