using System.Net;
using System.Net.Sockets;

namespace Clspd.Local;

/// <summary>The loopback ports of the gateway and the four services.</summary>
public sealed record StackPorts(int Gateway, int Registry, int Consent, int Records, int Access)
{
    public const int DefaultBase = 5080;

    /// <summary>Gateway on <paramref name="portBase"/>, then registry, consent, records, access on the next four.</summary>
    public static StackPorts FromBase(int portBase) => new(portBase, portBase + 1, portBase + 2, portBase + 3, portBase + 4);

    /// <summary>Five ports the system reports free right now (for tests running several stacks).</summary>
    public static StackPorts Free()
    {
        var listeners = Enumerable.Range(0, 5).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
            return new StackPorts(ports[0], ports[1], ports[2], ports[3], ports[4]);
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }

    public int Of(string name) => name switch
    {
        StackCatalog.Gateway => Gateway,
        "registry" => Registry,
        "consent" => Consent,
        "records" => Records,
        "access" => Access,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a piece of the stack"),
    };

    public StackPorts With(string name, int port) => name switch
    {
        StackCatalog.Gateway => this with { Gateway = port },
        "registry" => this with { Registry = port },
        "consent" => this with { Consent = port },
        "records" => this with { Records = port },
        "access" => this with { Access = port },
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a piece of the stack"),
    };
}
