using Clspd.Benchmarks.Load;

namespace Clspd.EndToEnd.Tests;

/// <summary>
/// A few seconds of the load generator against the real stack, so that the benchmark harness keeps
/// working. It measures nothing here: figures come from the benchmark runs (docs/benchmarks.md).
/// </summary>
public sealed class LoadSmokeTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Theory]
    [InlineData("check")]
    [InlineData("batch")]
    [InlineData("case")]
    [InlineData("consent")]
    [InlineData("designations")]
    public async Task LoadRunner_EachMixThroughGatewayAndDirect_CallsSucceed(string mix)
    {
        var scenario = await LoadScenario.SeedAsync(stack.Gateway, stack.As);
        using var direct = stack.Direct(LoadScenario.ServiceOf(mix));

        foreach (var channel in new[] { stack.Gateway, direct })
        {
            var report = await LoadRunner.RunAsync(mix, 2, TimeSpan.FromSeconds(1), scenario.Call(mix, channel), null, TestContext.Current.CancellationToken);

            Assert.True(report.Calls > 0, $"{mix}: no call completed");
            Assert.Empty(report.Errors);
            Assert.True(report.Percentile(99) >= report.Percentile(50));
            Assert.Contains(mix, report.ToLine(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LoadRunner_Paced_StaysNearTheTargetRate()
    {
        var scenario = await LoadScenario.SeedAsync(stack.Gateway, stack.As);

        var report = await LoadRunner.RunAsync("paced", 2, TimeSpan.FromSeconds(2), scenario.Call("designations", stack.Gateway), 20, TestContext.Current.CancellationToken);

        Assert.InRange(report.Calls, 10, 60);
    }
}

/// <summary>The paced runner without a stack: when its workers' calls are due.</summary>
public sealed class LoadRunnerPacingTests
{
    [Fact]
    public void LoadRunner_Paced_WorkersCallsSpreadOverTheInterval_NotAllAtOnce()
    {
        // 8 workers at 200 calls/s in all: each worker every 40 ms, a call every 5 ms.
        var interval = TimeSpan.FromMilliseconds(40);

        var due = (from round in Enumerable.Range(0, 25)
                   from worker in Enumerable.Range(0, 8)
                   select LoadRunner.DueAt(worker, 8, interval, round)).Order().ToArray();

        // Workers calling together would leave 7 gaps of 8 at zero; spread, every gap is interval ÷ workers.
        var gaps = due.Zip(due.Skip(1), (a, b) => b - a).ToArray();
        Assert.Equal(199, gaps.Length);
        Assert.All(gaps, gap => Assert.Equal(TimeSpan.FromMilliseconds(5), gap));
        Assert.Equal(TimeSpan.Zero, due[0]);
        Assert.Equal(TimeSpan.FromMilliseconds(995), due[^1]);
    }

    [Fact]
    public async Task LoadRunner_Paced_RunsNoFasterThanTheTargetRate()
    {
        // 8 workers at 200 calls/s for 1 s: at most one round more than the run's length allows.
        var calls = 0;

        var report = await LoadRunner.RunAsync("spread", 8, TimeSpan.FromSeconds(1), _ =>
        {
            Interlocked.Increment(ref calls);
            return Task.CompletedTask;
        }, 200, TestContext.Current.CancellationToken);

        // Only the upper bound is the runner's doing: how many calls a busy machine gets to start within the
        // second (none at all, when the workers are scheduled after it) is not.
        Assert.Equal(calls, report.Calls);
        Assert.InRange(report.Calls, 0, 208);
    }
}

/// <summary>The audit dataset generator at a tiny scale: it writes through the store and the chain verifies.</summary>
public sealed class DatasetSmokeTests
{
    [Fact]
    public async Task AuditDataset_SmallScale_WrittenThenVerifiedFromTheDatabase_ACC_4()
    {
        var directory = Path.Combine(Path.GetTempPath(), "clspd-dataset-tests", Guid.NewGuid().ToString("N"));
        using var output = new StringWriter();

        var figures = await AuditDataset.RunAsync(12_000, directory, output, TestContext.Current.CancellationToken, batch: 256);

        Assert.True(figures.WrittenPerSecond > 0);
        Assert.True(figures.VerifySeconds > 0);
        Assert.True(figures.KeysIndexedPerSecond > 0);
        Assert.Contains("wrote 12,000 audit entries", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("batches of 256", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("verified 12,000 entries from the database", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("indexed the lookup keys of 12,000 entries", output.ToString(), StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }
}

/// <summary>The start-up measurement on one service: it starts alone, answers SERVING (with the CPU time it took) and is measured at rest.</summary>
public sealed class StartupSmokeTests
{
    [Fact]
    public async Task StartupCommand_OneService_TimeAndCpuToServingAndMemoryReported()
    {
        var directory = Path.Combine(Path.GetTempPath(), "clspd-startup-tests", Guid.NewGuid().ToString("N"));
        using var output = new StringWriter();

        var figures = await StartupCommand.RunAsync(["registry"], directory, TimeSpan.FromMilliseconds(200), output, TestContext.Current.CancellationToken);

        var figure = Assert.Single(figures);
        Assert.Equal("registry", figure.Service);
        Assert.InRange(figure.ToServing, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(60));
        // A process that has started a web host has used CPU time; /proc counts it in hundredths of a second.
        Assert.InRange(figure.CpuToServing, TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(60));
        Assert.True(figure.ResidentBytesAtRest > 0);
        Assert.Contains("| registry | ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("| service | start to SERVING | CPU time to SERVING | resident memory at rest |", output.ToString(), StringComparison.Ordinal);
        Directory.Delete(directory, recursive: true);
    }
}

/// <summary>The floor of <c>h2load --floor</c>: a service with a fixed answer and a bare proxy in front of it answer the frame h2load posts.</summary>
public sealed class FloorSmokeTests
{
    private static readonly Clspd.Access.V1.CheckResponse Answer = new()
    {
        Outcome = Clspd.Access.V1.Outcome.Allow, RuleIds = { "ACC-1" }, AuditSequence = 42, AuditEntryHash = new string('a', 64),
    };

    private static readonly byte[] Frame = GrpcFrame.Encode(new Clspd.Access.V1.CheckRequest { Principal = "p-1" });

    [Fact]
    public async Task Floor_ServiceAndProxy_TheFixedAnswerDirectlyAndForwarded()
    {
        var ct = TestContext.Current.CancellationToken;
        var ports = Clspd.Local.StackPorts.Free();
        await using var service = Floor.BuildService(ports.Access, Answer);
        await using var proxy = Floor.BuildProxy(ports.Gateway, new Uri($"http://127.0.0.1:{ports.Access}"));
        await service.StartAsync(ct);
        await proxy.StartAsync(ct);

        var direct = await GrpcFrame.CheckOnceAsync(new Uri($"http://127.0.0.1:{ports.Access}/clspd.access.v1.AccessService/Check"), Frame, "any", ct);
        var forwarded = await GrpcFrame.CheckOnceAsync(new Uri($"http://127.0.0.1:{ports.Gateway}/clspd.access.v1.AccessService/Check"), Frame, "any", ct);

        Assert.Equal(Answer, direct);
        Assert.Equal(Answer, forwarded);
    }

    [Fact]
    public async Task Floor_StartAsync_TwoProcessesOfTheirOwn_AnsweringThroughTheProxy()
    {
        var ct = TestContext.Current.CancellationToken;

        await using var floor = await Floor.StartAsync(Answer, "any", Frame, ct);

        var ids = floor.ProcessIds();
        Assert.Equal(["access", "gateway"], ids.Keys.Order(StringComparer.Ordinal));
        Assert.NotEqual(ids["access"], ids["gateway"]);
        Assert.DoesNotContain(Environment.ProcessId, ids.Values);
        Assert.Equal(Answer, await GrpcFrame.CheckOnceAsync(new Uri(floor.ServiceAddress, "/clspd.access.v1.AccessService/Check"), Frame, "any", ct));
    }

    [Fact]
    public async Task Floor_RunHost_UnknownRole_RefusedNamingTheOption()
    {
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => Floor.RunHostAsync("cache", 1, null, null, TestContext.Current.CancellationToken));

        Assert.Contains("--role: 'cache'", refused.Message, StringComparison.Ordinal);
    }
}
