using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Clspd.Hosting;

namespace Clspd.Local;

/// <summary>
/// The loopback ports of the gateway, the four services, the gateway's JSON listener (HTTP/1.1), its TLS listener
/// for partners (only a stack with TLS listens on it), the web console and the development sign-in.
/// </summary>
public sealed record StackPorts(int Gateway, int Registry, int Consent, int Records, int Access, int GatewayJson, int GatewayTls, int Web, int SignIn)
{
    /// <summary>The web console's name for <c>--port</c> and in the banner.</summary>
    public const string WebName = StackCatalog.Web;

    /// <summary>The development sign-in's name for <c>--port</c> and in the banner.</summary>
    public const string SignInName = "signin";

    /// <summary>The names <c>--port</c> accepts besides the services'.</summary>
    public static IReadOnlyList<string> OtherNames { get; } = [StackCatalog.Gateway, StackCatalog.GatewayJson, StackCatalog.GatewayTls, WebName, SignInName];

    /// <summary>The default ports (<see cref="DefaultPorts"/>): the gateway's, the services' following it in this order.</summary>
    public const int DefaultBase = DefaultPorts.Gateway;

    /// <summary>
    /// Gateway on <paramref name="portBase"/>, then registry, consent, records, access on the next four, the gateway's JSON
    /// listener on the fifth, its TLS listener for partners on the sixth; the console on the tenth (5090 by default), the
    /// sign-in on the eleventh.
    /// </summary>
    public static StackPorts FromBase(int portBase) =>
        new(portBase, portBase + 1, portBase + 2, portBase + 3, portBase + 4, portBase + 5, portBase + 6, portBase + 10, portBase + 11);

    /// <summary>How long a port handed out by <see cref="Free"/> stays promised to its caller (its stack binds it well before).</summary>
    public static readonly TimeSpan ClaimLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Nine ports the system reports free right now (for tests running several stacks), none of
    /// them handed out by this method to anyone, in any process, within <see cref="ClaimLifetime"/>.
    /// </summary>
    /// <remarks>
    /// The ports are released before the children bind them, seconds later. Meanwhile the system may
    /// give the same port to the next caller asking for a free one: with a few stacks starting at once
    /// (a full test run), two stacks then share a port and one child dies at start-up ("address already
    /// in use", exit code 134). So each port is also claimed by a file named after it in a folder of
    /// the temp directory, and a port claimed by someone else within the lifetime is drawn again.
    /// </remarks>
    public static StackPorts Free()
    {
        var listeners = new List<TcpListener>();
        var ports = new List<int>(9);
        try
        {
            // Listeners stay open until the end, so the system never gives one of them twice here.
            while (ports.Count < 9)
            {
                if (listeners.Count == 1_000)
                {
                    throw new InvalidOperationException($"no free loopback port left unclaimed under {ClaimDirectory}");
                }

                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (TryClaim(port))
                {
                    ports.Add(port);
                }
            }

            return new StackPorts(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6], ports[7], ports[8]);
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    private static string ClaimDirectory => Path.Combine(Path.GetTempPath(), "clspd-ports");

    // True when the port was not claimed within the lifetime (it is claimed now); a folder that cannot be written claims nothing.
    private static bool TryClaim(int port)
    {
        var path = Path.Combine(ClaimDirectory, port.ToString(CultureInfo.InvariantCulture));
        try
        {
            Directory.CreateDirectory(ClaimDirectory);
            using (new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
            }

            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return DateTime.UtcNow - File.GetLastWriteTimeUtc(path) >= ClaimLifetime && Renew(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    // An old claim is taken over by renewing it.
    private static bool Renew(string path)
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Claimed by nobody we can tell: the port is still free by the system's word.
        }

        return true;
    }

    public int Of(string name) => name switch
    {
        StackCatalog.Gateway => Gateway,
        StackCatalog.GatewayJson => GatewayJson,
        StackCatalog.GatewayTls => GatewayTls,
        WebName => Web,
        SignInName => SignIn,
        "registry" => Registry,
        "consent" => Consent,
        "records" => Records,
        "access" => Access,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a piece of the stack"),
    };

    public StackPorts With(string name, int port) => name switch
    {
        StackCatalog.Gateway => this with { Gateway = port },
        StackCatalog.GatewayJson => this with { GatewayJson = port },
        StackCatalog.GatewayTls => this with { GatewayTls = port },
        WebName => this with { Web = port },
        SignInName => this with { SignIn = port },
        "registry" => this with { Registry = port },
        "consent" => this with { Consent = port },
        "records" => this with { Records = port },
        "access" => this with { Access = port },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a piece of the stack"),
    };
}
