extern alias access;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Running;
using Clspd.Benchmarks.Micro;
using access::Clspd.Access.Store.FastPath;
using Clspd.Local;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// Every figure of the targets table of docs/benchmarks.md in one run: the decision core
/// (BenchmarkDotNet, short job), each service's start-up and memory at rest, Check and consent
/// state through the gateway and directly, saturated and paced, the audit dataset (written
/// in the audit writer's batches, then verified from the database) and the purge under load. Writes a markdown table.
/// </summary>
public static class ReportCommand
{
    private const double CheckTarget = 5_000;

    public sealed record Options(string OutputFile, int Concurrency, TimeSpan Duration, int AuditEntries, string? DataRoot, int PurgeCases = 50_000);

    public static async Task RunAsync(Options options, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var total = Stopwatch.StartNew();
        var root = options.DataRoot ?? Path.Combine(Path.GetTempPath(), "clspd-report", Guid.NewGuid().ToString("N"));
        var rows = new List<string>();
        void Row(string figure, string target, string measured, bool? met) =>
            rows.Add($"| {figure} | {target} | {measured} | {(met is null ? "not measured" : met.Value ? "met" : "**missed**")} |");
        string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

        output.WriteLine("## Decision core (BenchmarkDotNet, in process, short job)");
        var core = BenchmarkSwitcher.FromTypes([typeof(DecisionCoreBenchmarks)])
            .Run(["--filter", "*DecisionCore*", "--inProcess", "--job", "short"]).SelectMany(s => s.Reports).ToList();
        var slowest = core.Max(r => r.ResultStatistics?.Mean ?? double.NaN);
        var allocated = core.Max(r => r.GcStats.GetBytesAllocatedPerOperation(r.BenchmarkCase) ?? 0);
        Row("decision core", "≤ 5 µs, 0 allocations warm", F($"{slowest:F0} ns (slowest case), {allocated} B"), slowest <= 5_000 && allocated == 0);

        output.WriteLine();
        output.WriteLine("## Start-up of each service on its own");
        var startup = await StartupCommand.RunAsync(["registry", "consent", "records", "access"], Path.Combine(root, "startup"), TimeSpan.FromSeconds(3), output, ct);
        var slowStart = startup.MaxBy(f => f.ToServing)!;
        var bigMemory = startup.MaxBy(f => f.ResidentBytesAtRest)!;
        Row("each service: start to SERVING / memory at rest", "≤ 1 s / ≤ 150 MB",
            F($"{startup.Min(f => f.ToServing.TotalSeconds):F2}–{slowStart.ToServing.TotalSeconds:F2} s (slowest {slowStart.Service}) / {startup.Min(f => f.ResidentBytesAtRest) / 1048576.0:F0}–{bigMemory.ResidentBytesAtRest / 1048576.0:F0} MB"),
            slowStart.ToServing <= TimeSpan.FromSeconds(1) && bigMemory.ResidentBytesAtRest <= 150L * 1048576);

        output.WriteLine();
        output.WriteLine("## Check, saturated, through the gateway and directly");
        var saturated = await LoadCommand.RunAsync(new LoadCommand.Options(["check", "consent"], "both", options.Concurrency, options.Duration, null, Path.Combine(root, "saturated")), output, ct);
        var checkGateway = saturated.Single(r => r.Label == "check via gateway");
        var checkDirect = saturated.Single(r => r.Label == "check via direct");
        var consentGateway = saturated.Single(r => r.Label == "consent via gateway");
        var consentDirect = saturated.Single(r => r.Label == "consent via direct");

        output.WriteLine();
        output.WriteLine("## Paced: Check at 70 % of its target, consent state at 2,000/s, through the gateway");
        var paced = await LoadCommand.RunAsync(new LoadCommand.Options(["check"], "gateway", options.Concurrency, options.Duration, CheckTarget * 0.7, Path.Combine(root, "paced-check")), output, ct);
        var pacedConsent = await LoadCommand.RunAsync(new LoadCommand.Options(["consent"], "gateway", options.Concurrency, options.Duration, 2_000, Path.Combine(root, "paced-consent")), output, ct);
        var checkAtLoad = paced.Single();
        var consentAtLoad = pacedConsent.Single();
        Row("Check through gateway, durable audit", "≥ 5,000/s; p99 ≤ 5 ms at 70 % of that load",
            F($"{checkGateway.PerSecond:N0}/s saturated; p99 {checkAtLoad.Percentile(99):F1} ms at {checkAtLoad.PerSecond:N0}/s paced (asked 3,500/s); {checkDirect.PerSecond:N0}/s direct"),
            checkGateway.PerSecond >= CheckTarget && checkAtLoad.Percentile(99) <= 5 && checkAtLoad.PerSecond >= CheckTarget * 0.7 * 0.95);
        var ratio = checkGateway.PerSecond / checkDirect.PerSecond;
        Row("gateway ÷ direct throughput, same run", "≥ 0.65",
            F($"{ratio:F2} (check), {consentGateway.PerSecond / consentDirect.PerSecond:F2} (consent)"), ratio >= 0.65);
        Row("consent state through gateway", "p99 ≤ 2 ms at 2,000/s",
            F($"p99 {consentAtLoad.Percentile(99):F1} ms at {consentAtLoad.PerSecond:N0}/s paced; {consentGateway.PerSecond:N0}/s saturated"),
            consentAtLoad.Percentile(99) <= 2 && consentAtLoad.PerSecond >= 2_000 * 0.95);

        output.WriteLine();
        output.WriteLine("## Audit dataset");
        var audit = await AuditDataset.RunAsync(options.AuditEntries, Path.Combine(root, "audit"), output, ct, batch: AuditWriter.MaxBatch);
        Row("audit append, durable", "≥ 20,000 entries/s", F($"{audit.WrittenPerSecond:N0}/s in batches of {AuditWriter.MaxBatch:N0} through the store (the audit writer's largest group commit); lookup keys indexed after the commit at {audit.KeysIndexedPerSecond:N0}/s"), audit.WrittenPerSecond >= 20_000);
        Row("audit verification", F($"{options.AuditEntries:N0} entries ≤ 3 s"), F($"{audit.VerifySeconds:F2} s from the database"), audit.VerifySeconds <= 3);

        output.WriteLine();
        output.WriteLine("## Purge of due cases under a Check load through the gateway");
        var purge = await PurgeCommand.RunAsync(new PurgeCommand.Options(options.PurgeCases, options.Concurrency, options.Duration, "gateway", Path.Combine(root, "purge")), output, ct);
        Row("purge of due cases", "≥ 50,000 cases/min while Check drops ≤ 10 %",
            F($"{purge.CasesPerMinute:N0} cases/min ({purge.CasesDestroyed:N0} cases in {purge.PurgeTime.TotalSeconds:F1} s); Check {purge.WithoutPurgePerSecond:N0}/s without (before and after) → {purge.DuringPurge.PerSecond:N0}/s during it ({purge.DropPercent:F0} % drop); records {purge.RecordsCpu.TotalMilliseconds / Math.Max(1, purge.CasesDestroyed):F3} ms of CPU per case"),
            purge.CasesPerMinute >= 50_000 && purge.DropPercent <= 10);

        var table = new StringBuilder();
        table.AppendLine(F($"Generated {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores; {options.Concurrency} callers, {options.Duration.TotalSeconds:0} s per run; took {total.Elapsed.TotalMinutes:F1} min."));
        table.AppendLine();
        table.AppendLine("| figure | target | measured | |");
        table.AppendLine("|---|---|---|---|");
        foreach (var row in rows)
        {
            table.AppendLine(row);
        }

        await File.WriteAllTextAsync(options.OutputFile, table.ToString(), ct);
        output.WriteLine();
        output.WriteLine(table.ToString());
        output.WriteLine($"written to {Path.GetFullPath(options.OutputFile)}");
    }
}
