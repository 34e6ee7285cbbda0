using System.CommandLine;
using BenchmarkDotNet.Running;
using Clspd.Benchmarks.Load;

// dotnet run -c Release --project tests/Clspd.Benchmarks -- micro [BenchmarkDotNet options, e.g. --filter *Decision*]
// dotnet run -c Release --project tests/Clspd.Benchmarks -- dataset --audit-entries 1000000
// dotnet run -c Release --project tests/Clspd.Benchmarks -- load [--mix check,case] [--target both] [--concurrency 32] [--seconds 10] [--rate 3500]
// dotnet run -c Release --project tests/Clspd.Benchmarks -- startup
// dotnet run -c Release --project tests/Clspd.Benchmarks -- compare-audit [--rounds 20] [--batch 256]
// dotnet run -c Release --project tests/Clspd.Benchmarks -- report [--out benchmark-report.md]
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(LoadRunner).Assembly).Run(args[1..]);
    return 0;
}

var mix = new Option<string>("--mix") { Description = "Comma-separated request mixes: " + string.Join(", ", LoadScenario.Mixes), DefaultValueFactory = _ => "check" };
var target = new Option<string>("--target") { Description = "gateway, direct or both", DefaultValueFactory = _ => "both" };
var concurrency = new Option<int>("--concurrency") { Description = "Concurrent callers", DefaultValueFactory = _ => 32 };
var seconds = new Option<int>("--seconds") { Description = "Measured seconds per run (after a 2 s warm-up)", DefaultValueFactory = _ => 10 };
var rate = new Option<double?>("--rate") { Description = "Pace the callers to this many calls per second in total (latency at a given load)" };
var data = new Option<string?>("--data") { Description = "Data directory of the stack (default: a new temporary one)" };
var load = new Command("load", "Start the local stack, seed a commune and measure calls through the gateway and directly.")
{
    mix, target, concurrency, seconds, rate, data,
};
load.SetAction(async (parse, ct) =>
{
    await LoadCommand.RunAsync(new LoadCommand.Options(
        parse.GetValue(mix)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        parse.GetValue(target)!, parse.GetValue(concurrency), TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(rate), parse.GetValue(data)),
        Console.Out, ct);
    return 0;
});
var entries = new Option<int>("--audit-entries") { Description = "Audit entries to write", DefaultValueFactory = _ => 1_000_000 };
var datasetData = new Option<string?>("--data") { Description = "Data directory (default: a new temporary one)" };
var dataset = new Command("dataset", "Write chained audit entries through the access store, then verify the chain from the database.")
{
    entries, datasetData,
};
dataset.SetAction(async (parse, ct) =>
{
    var directory = parse.GetValue(datasetData) ?? Path.Combine(Path.GetTempPath(), "clspd-dataset", Guid.NewGuid().ToString("N"));
    await AuditDataset.RunAsync(parse.GetValue(entries), directory, Console.Out, ct);
    return 0;
});
var startupServices = new Option<string>("--services") { Description = "Comma-separated services", DefaultValueFactory = _ => "registry,consent,records,access" };
var startup = new Command("startup", "Start each service on its own (with the gateway) and report its time to SERVING and its memory at rest.") { startupServices };
startup.SetAction(async (parse, ct) =>
{
    await StartupCommand.RunAsync(parse.GetValue(startupServices)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        Path.Combine(Path.GetTempPath(), "clspd-startup", Guid.NewGuid().ToString("N")), TimeSpan.FromSeconds(3), Console.Out, ct);
    return 0;
});
var compareRounds = new Option<int>("--rounds") { Description = "Interleaved rounds", DefaultValueFactory = _ => 20 };
var compareBatch = new Option<int>("--batch") { Description = "Entries per batch (the audit writer takes up to 256)", DefaultValueFactory = _ => 256 };
var compare = new Command("compare-audit", "The audit store before and after issue #8, interleaved in one process: append rate and verification time.")
{
    compareRounds, compareBatch,
};
compare.SetAction(async (parse, ct) =>
{
    await AuditCompare.RunAsync(parse.GetValue(compareRounds), 10, parse.GetValue(compareBatch),
        Path.Combine(Path.GetTempPath(), "clspd-compare", Guid.NewGuid().ToString("N")), Console.Out, ct);
    return 0;
});
var reportOut = new Option<string>("--out") { Description = "Markdown file for the targets table", DefaultValueFactory = _ => "benchmark-report.md" };
var reportConcurrency = new Option<int>("--concurrency") { Description = "Concurrent callers", DefaultValueFactory = _ => 32 };
var reportSeconds = new Option<int>("--seconds") { Description = "Measured seconds per load run", DefaultValueFactory = _ => 10 };
var reportEntries = new Option<int>("--audit-entries") { Description = "Audit entries to write and verify", DefaultValueFactory = _ => 1_000_000 };
var report = new Command("report", "Measure every figure of the targets table (docs/benchmarks.md) and write it as markdown.")
{
    reportOut, reportConcurrency, reportSeconds, reportEntries,
};
report.SetAction(async (parse, ct) =>
{
    await ReportCommand.RunAsync(new ReportCommand.Options(parse.GetValue(reportOut)!, parse.GetValue(reportConcurrency),
        TimeSpan.FromSeconds(parse.GetValue(reportSeconds)), parse.GetValue(reportEntries), null), Console.Out, ct);
    return 0;
});
var root = new RootCommand("Clspd.Services benchmarks: 'micro' runs the BenchmarkDotNet suites, 'load' the load generator, 'dataset' the audit dataset and its verification, 'startup' each service's start-up, 'report' every target figure.")
{
    load, dataset, startup, report, compare,
};
return await root.Parse(args).InvokeAsync();
