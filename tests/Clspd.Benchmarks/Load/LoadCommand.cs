using System.Globalization;
using System.Text;
using Clspd.Local;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Grpc.Core;
using Grpc.Net.Client;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// Starts the local stack (in this build's configuration), seeds a commune, then runs each
/// request mix through the gateway and directly to the service, and reports both and their ratio.
/// </summary>
public static class LoadCommand
{
    /// <summary>The options of a run; <paramref name="Warmup"/> is how long each path runs, unmeasured, before any is measured.</summary>
    public sealed record Options(IReadOnlyList<string> Mixes, string Target, int Concurrency, TimeSpan Duration, double? Rate, string? DataDirectory,
        TimeSpan? Warmup = null, DatabaseProvider Provider = DatabaseProvider.Sqlite, string? ConnectionTemplate = null)
    {
        /// <summary>
        /// Long enough for the JIT to finish its tier-1 compilation in every process: measured after 2 s,
        /// the first path ran while a third of the access service's CPU still went to the JIT, and its
        /// cost per call came out twice the second path's.
        /// </summary>
        public static readonly TimeSpan DefaultWarmup = TimeSpan.FromSeconds(15);
    }

    public static async Task<IReadOnlyList<LoadReport>> RunAsync(Options options, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var data = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "clspd-load", Guid.NewGuid().ToString("N"));
        // One token drives all the load: lift the gateway's per-caller rate limit (GW-2), which
        // would otherwise cap the run at its default of 1,000 calls per second. The children
        // inherit this process's environment.
        Environment.SetEnvironmentVariable("Gateway__RateLimit__PermitsPerSecond", "1000000");
        // The h2c stack (--insecure-loopback): the mixes call as services (svc:*) through the gateway, which only loopback h2c allows;
        // the mutual TLS stack is measured by tls-compare.
        await using var stack = new LocalStack(new LocalStackOptions
        {
            InsecureLoopback = true, DataDirectory = data, Ports = StackPorts.Free(), Output = _ => { },
            DatabaseProvider = options.Provider, ConnectionString = options.ConnectionTemplate,
        });
        var started = System.Diagnostics.Stopwatch.StartNew();
        await stack.StartAsync(ct);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stack SERVING after {started.Elapsed.TotalSeconds:F1} s (all processes, in parallel; {options.Provider})"));
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        output.WriteLine(MemoryAtRest(stack));

        using var issuer = LocalIssuer.Load(Path.Combine(data, LocalIssuer.PrivateKeyFileName));
        var tokens = new Dictionary<string, CallOptions>(StringComparer.Ordinal);
        CallOptions As(string subject)
        {
            lock (tokens)
            {
                if (!tokens.TryGetValue(subject, out var options))
                {
                    options = new CallOptions(new Metadata { { "authorization", "Bearer " + issuer.Mint(subject, TimeSpan.FromHours(2)) } });
                    tokens[subject] = options;
                }

                return options;
            }
        }

        using var gateway = GrpcChannel.ForAddress(stack.GatewayAddress);
        var scenario = await LoadScenario.SeedAsync(gateway, As);
        var reports = new List<LoadReport>();
        output.WriteLine();
        output.WriteLine(LoadReport.Header);
        foreach (var mix in options.Mixes)
        {
            using var direct = GrpcChannel.ForAddress(stack.AddressOf(LoadScenario.ServiceOf(mix)));
            var targets = options.Target == "both" ? new[] { ("gateway", gateway), ("direct", direct) }
                : options.Target == "direct" ? [("direct", direct)] : [("gateway", gateway)];
            LoadReport? viaGateway = null;
            // Every path warms up before any is measured, so that none is measured while the processes still compile.
            foreach (var (_, channel) in targets)
            {
                await LoadRunner.RunAsync("warm-up", options.Concurrency, options.Warmup ?? Options.DefaultWarmup, scenario.Call(mix, channel), null, ct);
            }

            foreach (var (name, channel) in targets)
            {
                var call = scenario.Call(mix, channel);
                await LoadRunner.RunAsync("warm-up", options.Concurrency, TimeSpan.FromSeconds(2), call, null, ct);
                var cpu = CpuSample.Take(stack.ProcessIds);
                var report = await LoadRunner.RunAsync($"{mix} via {name}", options.Concurrency, options.Duration, call, options.Rate, ct);
                reports.Add(report);
                output.WriteLine(report.ToLine());
                // CPU per call is the steadier figure on a shared machine: throughput follows whatever else runs.
                output.WriteLine(cpu.Describe(report));
                if (name == "gateway")
                {
                    viaGateway = report;
                }
                else if (viaGateway is not null)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    gateway ÷ direct throughput: {viaGateway.PerSecond / report.PerSecond:F2}"));
                }
            }
        }

        output.WriteLine();
        output.WriteLine("peak resident memory: " + string.Join(", ", stack.ProcessIds.Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p.Key} {ProcessStats.Read(p.Value).PeakResidentBytes / 1048576.0:F0} MB"))));
        return reports;
    }

    internal static string MemoryAtRest(LocalStack stack)
    {
        var text = new StringBuilder("resident memory at rest: ");
        text.AppendJoin(", ", stack.ProcessIds.Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p.Key} {ProcessStats.Read(p.Value).ResidentBytes / 1048576.0:F0} MB")));
        return text.ToString();
    }
}
