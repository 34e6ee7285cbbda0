using System.Globalization;
using Clspd.Access.V1;
using Clspd.Local;
using Clspd.ServiceDefaults.Auth;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// Check under external load (issue #22): <c>h2load</c> posts one pre-encoded <c>AccessService.Check</c>
/// (a group member's pseudonymous read, ALLOW) through the gateway and directly to the access
/// service, alternating, paced and saturated; latencies from h2load's per-request log, CPU per process
/// from /proc, and the audit trail's growth checked against the answered calls. With a baseline
/// (another build's <c>Clspd.Local.dll</c>) its stack runs beside this one and every round measures both.
/// </summary>
public static class H2LoadCommand
{
    /// <summary>Options of a run; <paramref name="Stages"/> turns on the access service's stage timings (Access:StageTimings:File).</summary>
    public sealed record Options(double Rate, TimeSpan Duration, int Rounds, int Clients, int Streams, TimeSpan Warmup, string? Baseline, bool Stages)
    {
        /// <summary>Environment variables given to the baseline's stack only (<c>--baseline-env NAME=VALUE</c>).</summary>
        public IReadOnlyDictionary<string, string> BaselineEnvironment { get; init; } = new Dictionary<string, string>();

        /// <summary>Also measure the <see cref="Load.Floor"/>: the same frame answered with a fixed answer, directly and through a bare YARP proxy.</summary>
        public bool Floor { get; init; }
    }

    /// <summary>Reads <c>NAME=VALUE</c> pairs; a pair without a name or an equals sign is refused with the option's name.</summary>
    public static IReadOnlyDictionary<string, string> ParseEnvironment(IEnumerable<string> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--baseline-env: '{pair}' is not NAME=VALUE", nameof(pairs));
            }

            environment[pair[..equals]] = pair[(equals + 1)..];
        }

        return environment;
    }

    private sealed record Build(string Name, string? DataDirectory, Func<IReadOnlyDictionary<string, int>> ProcessIds, Uri Gateway, Uri Access, string Token, string FrameFile);

    private sealed record Target(Build Build, string Path)
    {
        public Uri Url => new(Path == "gateway" ? Build.Gateway : Build.Access, "/" + AccessService.Descriptor.FullName + "/Check");

        public string Label => Build.Name + " " + Path;
    }

    public static async Task RunAsync(Options options, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var work = Path.Combine(Path.GetTempPath(), "clspd-h2load", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        // One token drives all the load: lift the gateway's per-caller rate limit (GW-2); the children inherit it.
        Environment.SetEnvironmentVariable("Gateway__RateLimit__PermitsPerSecond", "1000000");
        var stagesFile = Path.Combine(work, "check-stages.tsv");
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.Stages)
        {
            settings["Access:StageTimings:File"] = stagesFile;
        }

        var data = Path.Combine(work, "stack");
        // The h2c stack (--insecure-loopback): the frame calls access as a service (svc:records) with a token, which only
        // loopback h2c allows; the mutual TLS stack is measured by tls-compare.
        await using var stack = new LocalStack(new LocalStackOptions
        {
            InsecureLoopback = true, DataDirectory = data, Ports = StackPorts.Free(), Output = _ => { }, Settings = settings,
        });
        await stack.StartAsync(ct);
        await using var baseline = options.Baseline is { } dll ? await Baseline.StartAsync(dll, options.BaselineEnvironment, ct) : null;
        var builds = new List<Build> { await PrepareAsync("this", data, () => stack.ProcessIds, stack.GatewayAddress, stack.AddressOf("access"), ct) };
        if (baseline is not null)
        {
            builds.Add(await PrepareAsync("baseline", baseline.DataDirectory, baseline.ProcessIds, baseline.GatewayAddress, baseline.AccessAddress, ct));
        }

        var frameFile = builds[0].FrameFile;
        // The floor answers this build's frame, with this build's token in its headers (read by no one there).
        await using var floor = options.Floor ? await StartFloorAsync(builds[0], ct) : null;
        if (floor is not null)
        {
            builds.Add(builds[0] with { Name = "floor", DataDirectory = null, ProcessIds = floor.ProcessIds, Gateway = floor.ProxyAddress, Access = floor.ServiceAddress });
        }

        var targets = builds.SelectMany(b => new[] { new Target(b, "gateway"), new Target(b, "direct") }).ToList();
        foreach (var target in targets)
        {
            var answer = await GrpcFrame.CheckOnceAsync(target.Url, await File.ReadAllBytesAsync(target.Build.FrameFile, ct), target.Build.Token, ct);
            if (answer.Outcome != Outcome.Allow || answer.AuditSequence <= 0)
            {
                throw new InvalidOperationException($"{target.Label}: the frame was answered {answer.Outcome} ({string.Join(",", answer.RuleIds)}), not an audited ALLOW");
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"h2load: {options.Clients} connections x {options.Streams} streams, {options.Duration.TotalSeconds:F0} s per run, paced at {options.Rate:F0}/s and saturated; frame {frameFile}"));
        foreach (var target in targets)
        {
            await H2LoadRun.RunAsync(PlanOf(target, options, null, options.Warmup), Path.Combine(work, "warm-up.log"), ct);
        }

        output.WriteLine();
        output.WriteLine("| round | run | req/s | p50 ms | p90 ms | p99 ms | p99.9 ms | CPU ms/call gateway + access (h2load) | machine busy | audit growth |");
        output.WriteLine("|---:|---|---:|---:|---:|---:|---:|---|---:|---|");
        var results = new List<(string Label, H2LoadRun Run)>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var rate in new double?[] { options.Rate, null })
            {
                foreach (var target in targets)
                {
                    var label = $"{target.Label}, {(rate is { } r ? string.Create(CultureInfo.InvariantCulture, $"paced {r:F0}/s") : "saturated")}";
                    var stagesBefore = options.Stages && target.Build.Name == "this" ? await StageTimings.ReadAsync(stagesFile, ct) : null;
                    var processes = target.Build.ProcessIds();
                    var cpuBefore = processes.ToDictionary(p => p.Key, p => ProcessStats.Read(p.Value).CpuTime);
                    var machineBefore = MachineTicks.Read();
                    var auditBefore = target.Build.DataDirectory is { } before ? AuditTip(before) : 0;
                    var run = await H2LoadRun.RunAsync(PlanOf(target, options, rate, options.Duration), Path.Combine(work, $"run-{round}-{results.Count}.log"), ct);
                    var machine = MachineTicks.Read() - machineBefore;
                    var cpu = processes.ToDictionary(p => p.Key, p => (ProcessStats.Read(p.Value).CpuTime - cpuBefore[p.Key]).TotalMilliseconds / Math.Max(1, run.Succeeded));
                    // Calls cut by the end of the run are finished, and audited, by the service after h2load stops.
                    await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
                    var growth = target.Build.DataDirectory is { } after ? AuditTip(after) - auditBefore : 0;
                    var audited = target.Build.DataDirectory is null ? "no audit" : growth >= run.Succeeded && growth <= run.Started ? "ok" : "**MISMATCH**";
                    results.Add((label, run));
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {round} | {label} | {run.PerSecond:F0} | {run.Percentile(50):F2} | {run.Percentile(90):F2} | {run.Percentile(99):F2} | {run.Percentile(99.9):F2} | " +
                        $"{(target.Path == "gateway" ? $"{cpu.GetValueOrDefault("gateway"):F3} + " : "")}{cpu.GetValueOrDefault("access"):F3} ({run.CpuTime.TotalMilliseconds / Math.Max(1, run.Succeeded):F3}) | " +
                        $"{machine.BusyPercent:F0} % | +{growth} for {run.Succeeded} answered, {run.Started} started: {audited} |"));
                    if (stagesBefore is not null)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(1_100), ct);
                        output.WriteLine((await StageTimings.ReadAsync(stagesFile, ct)).Since(stagesBefore).Describe("    "));
                    }
                }
            }
        }

        output.WriteLine();
        output.WriteLine("| run | req/s | p50 ms | p99 ms |");
        output.WriteLine("|---|---|---|---|");
        foreach (var group in results.GroupBy(r => r.Label, StringComparer.Ordinal))
        {
            static string Span(IEnumerable<double> values, string format)
            {
                var list = values.ToList();
                return list.Min().ToString(format, CultureInfo.InvariantCulture) + "–" + list.Max().ToString(format, CultureInfo.InvariantCulture);
            }

            output.WriteLine($"| {group.Key} | {Span(group.Select(g => g.Run.PerSecond), "F0")} | {Span(group.Select(g => g.Run.Percentile(50)), "F2")} | {Span(group.Select(g => g.Run.Percentile(99)), "F2")} |");
        }

        async Task<Build> PrepareAsync(string name, string dataDirectory, Func<IReadOnlyDictionary<string, int>> processIds, Uri gateway, Uri access, CancellationToken token)
        {
            using var issuer = LocalIssuer.Load(Path.Combine(dataDirectory, LocalIssuer.PrivateKeyFileName));
            var minted = new Dictionary<string, CallOptions>(StringComparer.Ordinal);
            CallOptions As(string subject)
            {
                if (!minted.TryGetValue(subject, out var call))
                {
                    call = new CallOptions(new Metadata { { "authorization", "Bearer " + issuer.Mint(subject, TimeSpan.FromHours(2)) } });
                    minted[subject] = call;
                }

                return call;
            }

            using var channel = GrpcChannel.ForAddress(gateway);
            var scenario = await LoadScenario.SeedAsync(channel, As);
            var check = new CheckRequest
            {
                Principal = scenario.Member, Action = AccessAction.ReadCase, View = View.Pseudonymous,
                Resource = new CaseResource { CaseId = scenario.CaseId, SubjectRef = scenario.SubjectRef, CouncilId = scenario.CouncilId, GroupId = scenario.GroupId, BodyKind = BodyKind.ClspdGroup },
            };
            // The same request for every build, in a file of its own (the ids differ per stack).
            var frame = Path.Combine(work, name == "this" ? "check.frame" : name + ".frame");
            await File.WriteAllBytesAsync(frame, GrpcFrame.Encode(check), token);
            var bearer = As("svc:records").Headers!.GetValue("authorization")!["Bearer ".Length..];
            return new Build(name, dataDirectory, processIds, gateway, access, bearer, frame);
        }
    }

    /// <summary>The floor, answering what this build's access service answers to the same frame.</summary>
    private static async Task<Floor> StartFloorAsync(Build build, CancellationToken ct)
    {
        var frame = await File.ReadAllBytesAsync(build.FrameFile, ct);
        var answer = await GrpcFrame.CheckOnceAsync(new Target(build, "direct").Url, frame, build.Token, ct);
        return await Floor.StartAsync(answer, build.Token, frame, ct);
    }

    private static H2LoadRun.Plan PlanOf(Target target, Options options, double? rate, TimeSpan duration) =>
        new(target.Url, target.Build.FrameFile, target.Build.Token, options.Clients, options.Streams, duration, rate);

    private static long AuditTip(string dataDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, "access.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(seq), 0) FROM audit_entries";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
