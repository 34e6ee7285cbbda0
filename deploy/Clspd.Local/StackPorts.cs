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
    public static StackPorts Free()
    {
        var ports = FreeLoopback(9);
        return new StackPorts(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6], ports[7], ports[8]);
    }

    /// <summary>
    /// Loopback ports free right now, for processes that bind them seconds or minutes later: outside the range
    /// the system draws from for outgoing connections, and none handed out here, in any process, within
    /// <see cref="ClaimLifetime"/>.
    /// </summary>
    /// <remarks>
    /// The ports are released before their processes bind them. Meanwhile a port of the system's own range
    /// (<c>/proc/sys/net/ipv4/ip_local_port_range</c>, 32768–60999 by default) may become the local end of any
    /// outgoing connection, and the next caller asking the system for a free port may be given it again: with a
    /// few stacks starting at once (a full test run), a child then dies at start-up ("address already in use").
    /// So the ports are drawn below that range, where the system gives none on its own, and each is also claimed
    /// by a file named after it in a folder of the temp directory; a port claimed by someone else within the
    /// lifetime is drawn again. Where the system's range leaves no room below it, its own free ports are taken.
    /// </remarks>
    public static IReadOnlyList<int> FreeLoopback(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var listeners = new List<TcpListener>();
        var ports = new List<int>(count);
        var (low, high) = s_drawRange;
        try
        {
            // Listeners stay open until the end, so no port is drawn twice here.
            for (var draws = 0; ports.Count < count; draws++)
            {
                if (draws == 5_000)
                {
                    throw new InvalidOperationException($"no free loopback port left unclaimed under {ClaimDirectory}");
                }

                var listener = new TcpListener(IPAddress.Loopback, low == 0 ? 0 : Random.Shared.Next(low, high + 1));
                try
                {
                    listener.Start();
                }
                catch (SocketException)
                {
                    // In use: drawn again.
                    continue;
                }

                listeners.Add(listener);
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (TryClaim(port))
                {
                    ports.Add(port);
                }
            }

            return ports;
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    // The lowest port drawn: above the well-known and usual registered ones (PostgreSQL's 5432, the stack's defaults).
    private const int LowestDrawn = 20_000;

    // Read once: the system's range does not move under a running process that draws ports.
    private static readonly (int Low, int High) s_drawRange = DrawRange();

    // Below the system's range of ports for outgoing connections; (0, 0) when there is too little room below it.
    private static (int Low, int High) DrawRange()
    {
        // Elsewhere than Linux, the IANA range, which Windows and macOS use.
        var systemLow = 49_152;
        const string Linux = "/proc/sys/net/ipv4/ip_local_port_range";
        try
        {
            if (File.Exists(Linux) && File.ReadAllText(Linux).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) is [var first, ..] &&
                int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var low))
            {
                systemLow = low;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: the default stands.
        }

        return systemLow - LowestDrawn >= 2_000 ? (LowestDrawn, systemLow - 1) : (0, 0);
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
