using System.Diagnostics;
using System.Globalization;
using Clspd.Local;
using Clspd.Records.V1;
using Clspd.ServiceDefaults.Auth;
using Grpc.Core;
using Grpc.Net.Client;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// The purge under load (issue #8): writes N persons with a case due for destruction into the
/// records database through its store, starts the local stack on that data directory, measures
/// Check without purging, then again while the lifecycle job (RunLifecycle, in steps as
/// <c>clspd lifecycle run</c> calls it) destroys every due case; reports cases destroyed per
/// minute and how much Check throughput dropped against Check measured before and after the purge.
/// </summary>
public static class PurgeCommand
{
    public sealed record Options(int Cases, int Concurrency, TimeSpan Duration, string Target, string? DataDirectory, int Step = 5_000, int BatchSize = 0,
        TimeSpan? Warmup = null, int? RatePerMinute = null, IReadOnlyDictionary<string, string>? StackSettings = null);

    /// <param name="Baseline">Check before the purge.</param>
    /// <param name="After">Check after the purge, the same length: with <paramref name="Baseline"/>, what the machine gave without a purge around it.</param>
    /// <param name="RecordsCpu">CPU time the records service used while Check ran during the purge.</param>
    public sealed record Figures(int CasesDestroyed, int PersonsDestroyed, TimeSpan PurgeTime, LoadReport Baseline, LoadReport DuringPurge, TimeSpan RecordsCpu, LoadReport After)
    {
        public double CasesPerMinute => CasesDestroyed / Math.Max(PurgeTime.TotalMinutes, 1e-9);

        /// <summary>Check throughput without a purge: the mean of the runs before and after it (a shared machine drifts).</summary>
        public double WithoutPurgePerSecond => (Baseline.PerSecond + After.PerSecond) / 2;

        /// <summary>Check throughput lost during the purge, in percent of the throughput without it (negative: it went up).</summary>
        public double DropPercent => (1 - (DuringPurge.PerSecond / WithoutPurgePerSecond)) * 100;
    }

    public static async Task<Figures> RunAsync(Options options, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        if (options.Target is not ("gateway" or "direct"))
        {
            throw new ArgumentException("target must be gateway or direct", nameof(options));
        }

        var data = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "clspd-purge", Guid.NewGuid().ToString("N"));
        var prepared = await CommuneDataset.DueCasesAsync(options.Cases, StoreTarget.Sqlite(data), ct);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"prepared {options.Cases:N0} persons with a case due for destruction through the records store in {prepared.TotalSeconds:F1} s ({options.Cases / prepared.TotalSeconds:N0}/s)"));

        // As the load command: one token drives all the load, so lift the gateway's per-caller limit (GW-2).
        Environment.SetEnvironmentVariable("Gateway__RateLimit__PermitsPerSecond", "1000000");
        if (options.RatePerMinute is { } rate)
        {
            // The lifecycle's pace for this run, instead of the service's default.
            Environment.SetEnvironmentVariable("Records__LifecycleRatePerMinute", rate.ToString(CultureInfo.InvariantCulture));
        }
        // The h2c stack (--insecure-loopback): the mixes call as services (svc:*) through the gateway, which only loopback h2c allows;
        // the mutual TLS stack is measured by tls-compare.
        await using var stack = new LocalStack(new LocalStackOptions
        {
            InsecureLoopback = true, DataDirectory = data, Ports = StackPorts.Free(), Output = _ => { },
            Settings = options.StackSettings ?? new Dictionary<string, string>(StringComparer.Ordinal),
        });
        await stack.StartAsync(ct);
        using var issuer = LocalIssuer.Load(Path.Combine(data, LocalIssuer.PrivateKeyFileName));
        var tokens = new Dictionary<string, CallOptions>(StringComparer.Ordinal);
        CallOptions As(string subject)
        {
            lock (tokens)
            {
                if (!tokens.TryGetValue(subject, out var callOptions))
                {
                    callOptions = new CallOptions(new Metadata { { "authorization", "Bearer " + issuer.Mint(subject, TimeSpan.FromHours(2)) } });
                    tokens[subject] = callOptions;
                }

                return callOptions;
            }
        }

        using var gateway = GrpcChannel.ForAddress(stack.GatewayAddress);
        using var access = GrpcChannel.ForAddress(stack.AddressOf("access"));
        using var records = GrpcChannel.ForAddress(stack.AddressOf("records"));
        var scenario = await LoadScenario.SeedAsync(gateway, As);
        var check = scenario.Call("check", options.Target == "direct" ? access : gateway);

        // As the load command: the baseline is measured once the JIT is done, or the purge would seem to speed Check up.
        await LoadRunner.RunAsync("warm-up", options.Concurrency, options.Warmup ?? LoadCommand.Options.DefaultWarmup, check, null, ct);
        output.WriteLine(LoadReport.Header);
        // Check for the run's duration without a purge, printed with the CPU each process used.
        async Task<LoadReport> WithoutPurgeAsync(string when)
        {
            var sample = CpuSample.Take(stack.ProcessIds);
            var report = await LoadRunner.RunAsync($"check via {options.Target}, {when}", options.Concurrency, options.Duration, check, null, ct);
            output.WriteLine(report.ToLine());
            output.WriteLine(sample.Describe(report));
            return report;
        }

        var baseline = await WithoutPurgeAsync("no purge");

        // The same load again, stopped as soon as nothing is due any more.
        var lifecycle = new LifecycleService.LifecycleServiceClient(records);
        var admin = As("admin");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var cpu = CpuSample.Take(stack.ProcessIds);
        var load = LoadRunner.RunAsync($"check via {options.Target}, during the purge", options.Concurrency, TimeSpan.FromHours(1), check, null, stop.Token);
        var clock = Stopwatch.StartNew();
        int cases = 0, persons = 0;
        try
        {
            while (true)
            {
                var reply = await lifecycle.RunLifecycleAsync(new RunLifecycleRequest { BatchSize = options.BatchSize, MaxCases = options.Step }, admin.WithCancellationToken(ct));
                cases += reply.CasesDestroyed;
                persons += reply.PersonsDestroyed;
                if (reply.RemainingDue == 0 || reply.ClosedAt25 + reply.CasesDestroyed + reply.PersonsDestroyed == 0)
                {
                    break;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
        }

        var purgeTime = clock.Elapsed;
        var during = await load;
        output.WriteLine(during.ToLine());
        output.WriteLine(cpu.Describe(during));
        var recordsCpu = cpu.SecondsUsed()["records"];

        // And once more without it: the drop is measured against both runs around the purge.
        var after = await WithoutPurgeAsync("after the purge");
        var figures = new Figures(cases, persons, purgeTime, baseline, during, TimeSpan.FromSeconds(recordsCpu), after);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"purge: {cases:N0} cases and {persons:N0} persons destroyed in {purgeTime.TotalSeconds:F1} s ({figures.CasesPerMinute:N0} cases/min, steps of {options.Step:N0}; records used {recordsCpu:F1} s of CPU, {recordsCpu * 1000 / Math.Max(1, cases):F3} ms per case); check {figures.WithoutPurgePerSecond:N0}/s without a purge (before {baseline.PerSecond:N0}/s, after {after.PerSecond:N0}/s) → {during.PerSecond:N0}/s during it ({figures.DropPercent:F0} % drop)"));
        return figures;
    }
}
