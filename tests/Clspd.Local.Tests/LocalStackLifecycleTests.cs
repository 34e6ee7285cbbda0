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

        Assert.Equal(["gateway", "registry", "web"], pids.Keys.Order());
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

        Assert.Equal(("registry", 137), (exit!.Name, exit.ExitCode));
        Assert.Contains("[local] registry exited unexpectedly with code 137; stopping the stack", run.Output);
        Assert.False(StackRun.IsAlive(pids["gateway"]), "the gateway is still running");
        // What it wrote before dying comes with the exit, without the prefix the stack's output adds.
        var lastLine = run.Output.Last(l => l.StartsWith("[registry] ", StringComparison.Ordinal));
        Assert.Equal(lastLine["[registry] ".Length..], exit.LastOutputLines[^1]);
        Assert.StartsWith("registry exited unexpectedly with code 137\n--- registry wrote nothing on stderr ---\n--- last ", exit.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_PortTaken_ThrowsNamingTheChildThatExited()
    {
        var (e, stack, _, _) = await StartWithRegistryPortTakenAsync();

        Assert.StartsWith("the stack went down during start-up: registry exited unexpectedly with code ", e.Message, StringComparison.Ordinal);
        Assert.Equal("registry", (await stack.Completion)!.Name);
        Assert.All(stack.ProcessIds, p => Assert.False(StackRun.IsAlive(p.Value), $"{p.Key} (pid {p.Value}) is still running"));
    }

    [Fact]
    public async Task StartAsync_ChildDiesWritingToStderr_ExceptionCarriesItsStderrAndExitCode()
    {
        var (e, stack, output, _) = await StartWithRegistryPortTakenAsync();

        var unhandled = $"Unhandled exception. System.IO.IOException: Failed to bind to address {stack.EndpointOf("registry")}: address already in use.";
        Assert.Equal(("registry", 134), (e.Exit!.Name, e.Exit.ExitCode));
        Assert.Equal(unhandled, e.Exit.LastErrorLines[0]);
        Assert.StartsWith($"the stack went down during start-up: registry exited unexpectedly with code 134\n--- last {e.Exit.LastErrorLines.Count} line(s) of registry on stderr ---\n{unhandled}\n",
            e.Message, StringComparison.Ordinal);
        // stderr first, then what the service logged on stdout.
        Assert.True(e.Message.IndexOf("--- last ", StringComparison.Ordinal) < e.Message.IndexOf(" on stdout ---", StringComparison.Ordinal));
        Assert.Equal(e.Exit, await stack.Completion);
        // The stack's own output is as before: each line once, prefixed, and the one-line exit.
        Assert.Contains("[registry] " + unhandled, output);
        Assert.Contains("[local] registry exited unexpectedly with code 134; stopping the stack", output);
    }

    [Fact]
    public async Task StartAsync_ChildDies_KeepsOnlyTheLastTailLinesOfEachStream()
    {
        var (e, _, output, _) = await StartWithRegistryPortTakenAsync(tailLines: 3);

        var written = output.Where(l => l.StartsWith("[registry] ", StringComparison.Ordinal)).Select(l => l["[registry] ".Length..]).ToList();
        Assert.True(written.Count > 6, $"the registry wrote only {written.Count} lines");
        Assert.Equal(3, e.Exit!.LastErrorLines.Count);
        Assert.Equal(3, e.Exit.LastOutputLines.Count);
        // Lines that were written, in their order; the start of the exception (its first stderr line) was dropped.
        Assert.True(IsInOrder(written, e.Exit.LastErrorLines), string.Join(" | ", e.Exit.LastErrorLines));
        Assert.True(IsInOrder(written, e.Exit.LastOutputLines), string.Join(" | ", e.Exit.LastOutputLines));
        Assert.Contains(written, l => l.StartsWith("Unhandled exception. ", StringComparison.Ordinal));
        Assert.DoesNotContain(e.Exit.LastErrorLines, l => l.StartsWith("Unhandled exception. ", StringComparison.Ordinal));
        Assert.Contains("--- last 3 line(s) of registry on stderr ---", e.Message, StringComparison.Ordinal);
        Assert.Contains("--- last 3 line(s) of registry on stdout ---", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Starts a stack of the registry (and the gateway) while another listener holds the registry's
    /// port: the registry cannot bind it, so the runtime writes the unhandled exception on stderr and
    /// aborts (SIGABRT, 134), and the start fails.
    /// </summary>
    private static async Task<(LocalStackException Error, LocalStack Stack, ConcurrentQueue<string> Output, StackPorts Ports)> StartWithRegistryPortTakenAsync(int? tailLines = null)
    {
        // The squatter takes a port first, and the registry is given that one: a port found free and then bound could
        // meanwhile be taken by any connection's local end.
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var ports = StackPorts.Free() with { Registry = ((IPEndPoint)squatter.LocalEndpoint).Port };
        using var data = new TempDirectory();
        var output = new ConcurrentQueue<string>();
        var stack = new LocalStack(new LocalStackOptions { DataDirectory = data.Path, Services = ["registry"], Ports = ports, Output = output.Enqueue,
            TailLines = tailLines ?? new LocalStackOptions { DataDirectory = data.Path }.TailLines });

        var e = await Assert.ThrowsAsync<LocalStackException>(() => stack.StartAsync(TestContext.Current.CancellationToken));
        return (e, stack, output, ports);
    }

    // Whether every line of the tail appears in the written lines, in the same order.
    private static bool IsInOrder(List<string> written, IReadOnlyList<string> tail)
    {
        var at = 0;
        foreach (var line in tail)
        {
            at = written.IndexOf(line, at);
            if (at < 0)
            {
                return false;
            }

            at++;
        }

        return true;
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
        Assert.Contains($"registry at https://127.0.0.1:{ports.Registry}: unreachable (Unavailable)", e.Message, StringComparison.Ordinal);
        Assert.Contains($"gateway at http://127.0.0.1:{ports.Gateway}: unreachable (Unavailable)", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, stack.ProcessIds.Count);
        Assert.All(stack.ProcessIds, p => Assert.False(StackRun.IsAlive(p.Value), $"{p.Key} (pid {p.Value}) is still running"));
    }
}
