using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Clspd.Local.Tests;

public sealed class LocalStackLifecycleTests
{
    [Fact]
    public async Task DisposeAsync_AfterStart_NoChildProcessLeft()
    {
        var run = new StackRun("registry");
        IReadOnlyDictionary<string, int> pids;
        try
        {
            await run.Stack.StartAsync(TestContext.Current.CancellationToken);
            pids = run.Stack.ProcessIds;
            Assert.All(pids.Values, pid => Assert.True(StackRun.IsAlive(pid)));
        }
        finally
        {
            await run.DisposeAsync();
        }

        Assert.Equal(2, pids.Count);
        Assert.All(pids, p => Assert.False(StackRun.IsAlive(p.Value), $"{p.Key} (pid {p.Value}) is still running"));
        Assert.Null(await run.Stack.Completion);
    }

    [Fact]
    public async Task ChildKilledFromOutside_StackReportsItAndStops()
    {
        await using var run = new StackRun("registry");
        await run.Stack.StartAsync(TestContext.Current.CancellationToken);
        var pids = run.Stack.ProcessIds;

        using (var registry = Process.GetProcessById(pids["registry"]))
        {
            registry.Kill();
        }

        var exit = await run.Stack.Completion.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(new ChildExit("registry", 137), exit);
        Assert.Contains("[local] registry exited unexpectedly with code 137; stopping the stack", run.Output);
        Assert.False(StackRun.IsAlive(pids["gateway"]), "the gateway is still running");
    }

    [Fact]
    public async Task StartAsync_PortTaken_ThrowsNamingTheChildThatExited()
    {
        var ports = StackPorts.Free();
        using var squatter = new TcpListener(IPAddress.Loopback, ports.Registry);
        squatter.Start();
        using var data = new TempDirectory();
        var output = new ConcurrentQueue<string>();
        var stack = new LocalStack(new LocalStackOptions { DataDirectory = data.Path, Services = ["registry"], Ports = ports, Output = output.Enqueue });

        var e = await Assert.ThrowsAsync<LocalStackException>(() => stack.StartAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("the stack went down during start-up: registry exited unexpectedly with code ", e.Message, StringComparison.Ordinal);
        Assert.Equal("registry", (await stack.Completion)!.Name);
        Assert.All(stack.ProcessIds, p => Assert.False(StackRun.IsAlive(p.Value), $"{p.Key} (pid {p.Value}) is still running"));
    }

    [Fact]
    public async Task StartAsync_NotServingInTime_ThrowsNamingWhatIsNotServing()
    {
        using var data = new TempDirectory();
        var ports = StackPorts.Free();
        var stack = new LocalStack(new LocalStackOptions
        {
            DataDirectory = data.Path,
            Services = ["registry"],
            Ports = ports,
            Output = new ConcurrentQueue<string>().Enqueue,
            // Gives up at the first probe, long before a process listens.
            StartTimeout = TimeSpan.FromMilliseconds(1),
        });

        var e = await Assert.ThrowsAsync<LocalStackException>(() => stack.StartAsync(TestContext.Current.CancellationToken));

        Assert.StartsWith("the gateway did not report SERVING within 0 s; not serving: ", e.Message, StringComparison.Ordinal);
        Assert.Contains($"registry at http://127.0.0.1:{ports.Registry}: unreachable (Unavailable)", e.Message, StringComparison.Ordinal);
        Assert.Contains($"gateway at http://127.0.0.1:{ports.Gateway}: unreachable (Unavailable)", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, stack.ProcessIds.Count);
        Assert.All(stack.ProcessIds, p => Assert.False(StackRun.IsAlive(p.Value), $"{p.Key} (pid {p.Value}) is still running"));
    }
}
