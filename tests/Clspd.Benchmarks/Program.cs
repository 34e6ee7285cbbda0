using System.CommandLine;
using BenchmarkDotNet.Running;
using Clspd.Benchmarks.Load;
using Clspd.ServiceDefaults.Data;

// dotnet run -c Release --project tests/Clspd.Benchmarks -- micro [BenchmarkDotNet options, e.g. --filter *Decision*]
// dotnet run -c Release --project tests/Clspd.Benchmarks -- dataset --scale 1 [--provider sqlite|sqlserver|postgres --connection "...Database=clspd_{service}..."] [--out DIR]
// dotnet run -c Release --project tests/Clspd.Benchmarks -- dataset --audit-entries 1000000
// dotnet run -c Release --project tests/Clspd.Benchmarks -- catch-up --data DIR
// dotnet run -c Release --project tests/Clspd.Benchmarks -- purge [--cases 50000] [--target gateway] [--seconds 10]
// dotnet run -c Release --project tests/Clspd.Benchmarks -- load [--provider postgres --connection "Host=...;Database=clspd_{service}"] [--mix check,case] [--target both] [--concurrency 32] [--seconds 10] [--rate 3500]
// dotnet run -c Release --project tests/Clspd.Benchmarks -- h2load [--rate 3500] [--seconds 10] [--rounds 2] [--baseline OTHER/deploy/Clspd.Local/bin/Release/.../Clspd.Local.dll] [--stages] [--floor]
// dotnet run -c Release --project tests/Clspd.Benchmarks -- startup
// dotnet run -c Release --project tests/Clspd.Benchmarks -- compare-audit [--rounds 20] [--batch 256]
// dotnet run -c Release --project tests/Clspd.Benchmarks -- compare-verify --data DIR [--entries 1000000] [--rounds 5]
// dotnet run -c Release --project tests/Clspd.Benchmarks -- report [--out benchmark-report.md]
// dotnet run -c Release --project tests/Clspd.Benchmarks -- tls-compare [--mix check-own,case,check] [--rounds 4] [--seconds 5]
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(LoadRunner).Assembly).Run(args[1..]);
    return 0;
}

var mix = new Option<string>("--mix") { Description = "Comma-separated request mixes: " + string.Join(", ", LoadScenario.Mixes), DefaultValueFactory = _ => "check" };
var target = new Option<string>("--target") { Description = "gateway, direct or both", DefaultValueFactory = _ => "both" };
var concurrency = new Option<int>("--concurrency") { Description = "Concurrent callers", DefaultValueFactory = _ => 32 };
var seconds = new Option<int>("--seconds") { Description = "Measured seconds per run (after the warm-up, and 2 s more on the path measured)", DefaultValueFactory = _ => 10 };
var warmup = new Option<int>("--warmup") { Description = "Seconds each path runs unmeasured before any is measured (the JIT's tier-1 compilation ends meanwhile)", DefaultValueFactory = _ => (int)LoadCommand.Options.DefaultWarmup.TotalSeconds };
var rate = new Option<double?>("--rate") { Description = "Pace the callers to this many calls per second in total (latency at a given load)" };
var data = new Option<string?>("--data") { Description = "Data directory of the stack (default: a new temporary one)" };
var loadProvider = new Option<string>("--provider") { Description = "Database of the stack's services: sqlite, sqlserver or postgres", DefaultValueFactory = _ => "sqlite" };
var loadConnection = new Option<string?>("--connection") { Description = "With sqlserver or postgres: connection string, '{service}' replaced by each service's name (databases created if missing)" };
var load = new Command("load", "Start the local stack, seed a commune and measure calls through the gateway and directly.")
{
    mix, target, concurrency, seconds, warmup, rate, data, loadProvider, loadConnection,
};
load.SetAction(async (parse, ct) =>
{
    await LoadCommand.RunAsync(new LoadCommand.Options(
        parse.GetValue(mix)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        parse.GetValue(target)!, parse.GetValue(concurrency), TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(rate), parse.GetValue(data),
        TimeSpan.FromSeconds(parse.GetValue(warmup)), StoreTarget.ProviderOf(parse.GetValue(loadProvider)!, parse.GetValue(loadConnection)), parse.GetValue(loadConnection)),
        Console.Out, ct);
    return 0;
});
var entries = new Option<int?>("--audit-entries") { Description = "Only the audit part: this many chained entries, then verification (the dataset before --scale)" };
var datasetData = new Option<string?>("--out", "--data") { Description = "Data directory of the SQLite databases (default: a new temporary one); the local stack can be started on it" };
var scale = new Option<double>("--scale") { Description = "Size of the commune: 1 = 5,000 participants, 200 groups, 100,000 persons, 1,000,000 consent records, 1,000,000 audit entries", DefaultValueFactory = _ => 1 };
var provider = new Option<string>("--provider") { Description = "sqlite, sqlserver or postgres", DefaultValueFactory = _ => "sqlite" };
var connection = new Option<string?>("--connection") { Description = "SQL Server or PostgreSQL connection string, '{service}' replaced by each service's name (one database per service, created if missing)" };
var auditBatch = new Option<int>("--batch") { Description = "With --audit-entries: entries per durable commit (the access service's writer commits up to 1,024)", DefaultValueFactory = _ => AuditDataset.DefaultBatch };
var dataset = new Command("dataset", "Write a commune at scale through the services' own stores (registry, consent, records, audit), reporting rows/s per part; or, with --audit-entries, only the audit trail.")
{
    entries, auditBatch, datasetData, scale, provider, connection,
};
dataset.SetAction(async (parse, ct) =>
{
    var directory = parse.GetValue(datasetData) ?? Path.Combine(Path.GetTempPath(), "clspd-dataset", Guid.NewGuid().ToString("N"));
    if (parse.GetValue(entries) is { } auditOnly)
    {
        await AuditDataset.RunAsync(auditOnly, directory, Console.Out, ct, parse.GetValue(auditBatch));
        return 0;
    }

    var chosen = StoreTarget.ProviderOf(parse.GetValue(provider)!, parse.GetValue(connection));
    var target = chosen == DatabaseProvider.Sqlite ? StoreTarget.Sqlite(directory) : new StoreTarget(chosen, directory, parse.GetValue(connection));
    await CommuneDataset.RunAsync(parse.GetValue(scale), target, Console.Out, ct);
    return 0;
});
var catchUpData = new Option<string>("--data") { Description = "Data directory written by 'dataset'", Required = true };
var catchUpTimeout = new Option<int>("--timeout") { Description = "Seconds to wait for the first ALLOW", DefaultValueFactory = _ => 600 };
var catchUp = new Command("catch-up", "Start the stack on a commune written by 'dataset' and time until access, rebuilding its view from the change feeds, allows a generated member by name.")
{
    catchUpData, catchUpTimeout,
};
catchUp.SetAction(async (parse, ct) =>
{
    await CatchUpCommand.RunAsync(parse.GetValue(catchUpData)!, TimeSpan.FromSeconds(parse.GetValue(catchUpTimeout)), Console.Out, ct);
    return 0;
});
var purgeCases = new Option<int>("--cases") { Description = "Due cases to prepare and purge", DefaultValueFactory = _ => 50_000 };
var purgeTarget = new Option<string>("--target") { Description = "Where the Check load goes: gateway or direct", DefaultValueFactory = _ => "gateway" };
var purgeConcurrency = new Option<int>("--concurrency") { Description = "Concurrent callers", DefaultValueFactory = _ => 32 };
var purgeSeconds = new Option<int>("--seconds") { Description = "Seconds of Check without purging (the run during the purge lasts as long as the purge)", DefaultValueFactory = _ => 10 };
var purgeStep = new Option<int>("--step") { Description = "Cases per RunLifecycle call (max_cases), as 'clspd lifecycle run --step'", DefaultValueFactory = _ => 5_000 };
var purgeData = new Option<string?>("--data") { Description = "Data directory of the stack (default: a new temporary one)" };
var purgeBatch = new Option<int>("--batch") { Description = "Rows per transaction (batch_size of RunLifecycle; 0: the service's Records:DestroyBatchSize)", DefaultValueFactory = _ => 0 };
var purgeRate = new Option<int?>("--rate") { Description = "The service's Records:LifecycleRatePerMinute for this run (0: no limit; default: the service's own, 60,000)" };
var purge = new Command("purge", "Prepare due cases through the records store, then measure Check without and during the purge (RunLifecycle): cases destroyed per minute and the throughput drop.")
{
    purgeCases, purgeTarget, purgeConcurrency, purgeSeconds, purgeStep, purgeData, purgeBatch, purgeRate,
};
purge.SetAction(async (parse, ct) =>
{
    await PurgeCommand.RunAsync(new PurgeCommand.Options(parse.GetValue(purgeCases), parse.GetValue(purgeConcurrency), TimeSpan.FromSeconds(parse.GetValue(purgeSeconds)),
        parse.GetValue(purgeTarget)!, parse.GetValue(purgeData), parse.GetValue(purgeStep), parse.GetValue(purgeBatch), RatePerMinute: parse.GetValue(purgeRate)), Console.Out, ct);
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
var verifyData = new Option<string>("--data") { Description = "Data directory holding access.db (entries are written first when it has fewer)", Required = true };
var verifyEntries = new Option<int>("--entries") { Description = "Entries the trail must hold", DefaultValueFactory = _ => 1_000_000 };
var verifyRounds = new Option<int>("--rounds") { Description = "Interleaved rounds", DefaultValueFactory = _ => 5 };
var compareVerify = new Command("compare-verify", "Verification of one access database by records, by pages on one thread and by pages on every core, interleaved in one process.")
{
    verifyData, verifyEntries, verifyRounds,
};
compareVerify.SetAction(async (parse, ct) =>
{
    await AuditVerifyCompare.RunAsync(parse.GetValue(verifyData)!, parse.GetValue(verifyEntries), parse.GetValue(verifyRounds), Console.Out, ct);
    return 0;
});
var reportOut = new Option<string>("--out") { Description = "Markdown file for the targets table", DefaultValueFactory = _ => "benchmark-report.md" };
var reportConcurrency = new Option<int>("--concurrency") { Description = "Concurrent callers", DefaultValueFactory = _ => 32 };
var reportSeconds = new Option<int>("--seconds") { Description = "Measured seconds per load run", DefaultValueFactory = _ => 10 };
var reportEntries = new Option<int>("--audit-entries") { Description = "Audit entries to write and verify", DefaultValueFactory = _ => 1_000_000 };
var reportPurgeCases = new Option<int>("--purge-cases") { Description = "Due cases for the purge measurement", DefaultValueFactory = _ => 50_000 };
var report = new Command("report", "Measure every figure of the targets table (docs/benchmarks.md) and write it as markdown.")
{
    reportOut, reportConcurrency, reportSeconds, reportEntries, reportPurgeCases,
};
report.SetAction(async (parse, ct) =>
{
    await ReportCommand.RunAsync(new ReportCommand.Options(parse.GetValue(reportOut)!, parse.GetValue(reportConcurrency),
        TimeSpan.FromSeconds(parse.GetValue(reportSeconds)), parse.GetValue(reportEntries), null, parse.GetValue(reportPurgeCases)), Console.Out, ct);
    return 0;
});
var h2load = H2LoadOptions.Command();
var root = new RootCommand("Clspd.Services benchmarks: 'micro' runs the BenchmarkDotNet suites, 'load' the load generator, 'dataset' the commune at scale through the stores, 'catch-up' access rebuilding its view of it, 'purge' the purge under load, 'startup' each service's start-up, 'report' every target figure.")
{
    load, dataset, catchUp, purge, startup, report, compare, compareVerify, h2load,
};
root.Subcommands.Add(TlsCompareCommand.Build());
root.Subcommands.Add(H2LoadOptions.FloorHostCommand());
return await root.Parse(args).InvokeAsync();
