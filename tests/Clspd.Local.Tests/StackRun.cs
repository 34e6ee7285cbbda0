using System.Collections.Concurrent;
using System.Diagnostics;

namespace Clspd.Local.Tests;

/// <summary>A <see cref="LocalStack"/> on free ports in a temporary data directory, collecting its output.</summary>
public sealed class StackRun : IAsyncDisposable
{
    private readonly TempDirectory _data = new();

    public StackRun(params string[] services)
        : this(insecureLoopback: false, services)
    {
    }

    /// <param name="insecureLoopback">h2c between the services (<c>--insecure-loopback</c>) rather than mutual TLS.</param>
    /// <param name="services">The services behind the gateway.</param>
    public StackRun(bool insecureLoopback, params string[] services)
    {
        Stack = new LocalStack(new LocalStackOptions
        {
            DataDirectory = _data.Path,
            InsecureLoopback = insecureLoopback,
            Services = services,
            Ports = StackPorts.Free(),
            Output = Output.Enqueue,
            StartTimeout = TimeSpan.FromSeconds(120),
            // Slow is not unreachable: on a loaded machine a peer may take seconds to answer.
            Settings = new Dictionary<string, string> { ["Peers:CallTimeoutMilliseconds"] = "60000" },
        });
    }

    public LocalStack Stack { get; }

    public ConcurrentQueue<string> Output { get; } = new();

    public string DataDirectory => _data.Path;

    public static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Stack.DisposeAsync();
        _data.Dispose();
    }
}
