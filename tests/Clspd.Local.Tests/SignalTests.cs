using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Clspd.Local.Tests;

public sealed partial class SignalTests
{
    /// <summary>
    /// A script that starts the stack with <c>&amp;</c> cannot stop it with Ctrl-C (bash makes
    /// background jobs ignore SIGINT); it sends SIGTERM, as the banner says, and every piece stops.
    /// </summary>
    [Fact]
    public async Task Run_Sigterm_EveryChildGoneAndExitCodeZero()
    {
        using var data = new TempDirectory();
        var lines = new ConcurrentQueue<string>();
        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var launcher = Launch(data, lines, serving);
        try
        {
            await Task.WhenAny(serving.Task, launcher.WaitForExitAsync(TestContext.Current.CancellationToken))
                .WaitAsync(TimeSpan.FromSeconds(180), TestContext.Current.CancellationToken);
            Assert.True(serving.Task.IsCompleted, "the stack did not report SERVING:\n" + string.Join('\n', lines));
            var children = lines.Select(l => BannerPid().Match(l)).Where(m => m.Success)
                .ToDictionary(m => m.Groups["name"].Value, m => int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture));
            Assert.Equal(["gateway", "registry"], children.Keys.Order());
            Assert.All(children.Values, pid => Assert.True(StackRun.IsAlive(pid)));
            Assert.Contains($"Ctrl-C stops every process; from a script, SIGTERM does: kill -TERM {launcher.Id}", lines);

            using (var kill = Process.Start("kill", ["-TERM", launcher.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            await launcher.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

            Assert.Equal(0, launcher.ExitCode);
            Assert.Contains("[local] stopped", lines);
            Assert.All(children, c => Assert.False(StackRun.IsAlive(c.Value), $"{c.Key} (pid {c.Value}) is still running"));
        }
        finally
        {
            if (!launcher.HasExited)
            {
                launcher.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>
    /// A launcher killed hard (SIGKILL: no chance to stop its children) leaves nothing behind: every
    /// child, the web console included, sees its parent gone and stops on its own.
    /// </summary>
    [Fact]
    public async Task Run_LauncherKilled_EveryChildConsoleIncludedStopsOnItsOwn()
    {
        using var data = new TempDirectory();
        var lines = new ConcurrentQueue<string>();
        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var launcher = Launch(data, lines, serving);
        var children = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            await Task.WhenAny(serving.Task, launcher.WaitForExitAsync(TestContext.Current.CancellationToken))
                .WaitAsync(TimeSpan.FromSeconds(180), TestContext.Current.CancellationToken);
            Assert.True(serving.Task.IsCompleted, "the stack did not report SERVING:\n" + string.Join('\n', lines));
            foreach (var m in lines.Select(l => ChildPid().Match(l)).Where(m => m.Success))
            {
                children[m.Groups["name"].Value] = int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture);
            }

            Assert.Contains("web", children.Keys);
            launcher.Kill(entireProcessTree: false);
            await launcher.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (children.Values.Any(StackRun.IsAlive) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }

            Assert.All(children, c => Assert.False(StackRun.IsAlive(c.Value), $"{c.Key} (pid {c.Value}) is still running after its launcher was killed"));
        }
        finally
        {
            foreach (var pid in children.Values.Where(StackRun.IsAlive))
            {
                using var orphan = Process.GetProcessById(pid);
                orphan.Kill();
            }
        }
    }

    // The launcher on free ports with only the registry (and the gateway, the console, the sign-in), its output collected.
    private static Process Launch(TempDirectory data, ConcurrentQueue<string> lines, TaskCompletionSource serving)
    {
        var ports = StackPorts.Free();
        var start = new ProcessStartInfo(DotnetHost.Resolve())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            typeof(LocalCli).Assembly.Location, "--data", data.Path, "--only", "registry", "--timeout", "150",
            "--port", $"gateway={ports.Gateway}", "--port", $"registry={ports.Registry}", "--port", $"json={ports.GatewayJson}",
            "--port", $"tls={ports.GatewayTls}", "--port", $"web={ports.Web}", "--port", $"signin={ports.SignIn}",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var launcher = Process.Start(start)!;
        launcher.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lines.Enqueue(line);
                if (line.StartsWith("Ctrl-C stops every process", StringComparison.Ordinal))
                {
                    serving.TrySetResult();
                }
            }
        };
        launcher.ErrorDataReceived += (_, e) => lines.Enqueue("stderr: " + e.Data);
        launcher.BeginOutputReadLine();
        launcher.BeginErrorReadLine();
        return launcher;
    }

    [GeneratedRegex(@"^  (?<name>gateway|registry|web)\s+https?://127\.0\.0\.1:\d+\s+pid (?<pid>\d+)\b")]
    private static partial Regex ChildPid();

    [GeneratedRegex(@"^  (?<name>gateway|registry)\s+https?://127\.0\.0\.1:\d+\s+pid (?<pid>\d+)$")]
    private static partial Regex BannerPid();
}
