using Clspd.Records.Diagnostics;
using Clspd.Records.Lifecycle;
using Clspd.Records.Store;
using Clspd.Records.Tests.Store;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Dapper;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Clspd.Records.Tests.Lifecycle;

public sealed class LifecycleRunnerTests
{
    private static readonly ServiceIdentity Service = new("records", typeof(LifecycleStore).Assembly);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A records database on a fake clock at 09:00 today, seeded with due and not-due cases.
    private static async Task<(FakeTimeProvider Time, Database Db)> SeededAsync(int due, int notDue)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(LifecycleStoreSuite.Today, new TimeOnly(9, 0), TimeSpan.Zero));
        var db = TestDatabases.Sqlite(Service, time);
        await LifecycleStoreSuite.SeedAsync(db, due, notDue);
        return (time, db);
    }

    private static LifecycleRunner Runner(Database db, TimeProvider time, int ratePerMinute, RecordsMetrics? metrics = null) =>
        new(db, new LifecycleStore(), new MeetingStore(), Options.Create(new RecordsOptions { LifecycleRatePerMinute = ratePerMinute }), time,
            metrics ?? new RecordsMetrics(TestMeters.Create()), NullLogger<LifecycleRunner>.Instance);

    private static Task<long> CacheSizeAsync(Database db) =>
        db.ReadAsync(s => s.ExecuteScalarAsync<long>("PRAGMA cache_size;"), Ct);

    [Fact]
    public async Task RunAsync_Paced_EachBatchWaitsForItsShareOfAMinute_REC_7()
    {
        var (time, db) = await SeededAsync(due: 3, notDue: 0);
        using var runner = Runner(db, time, ratePerMinute: 60);

        // One case per batch at 60 a minute: a second of the clock after each.
        var run = runner.RunAsync(batchSize: 1, Ct);
        var seconds = 0;
        while (!run.IsCompleted && seconds < 10)
        {
            await Task.Delay(20, Ct);
            if (!run.IsCompleted)
            {
                time.Advance(TimeSpan.FromSeconds(1));
                seconds++;
            }
        }

        var totals = await run;
        Assert.Equal((3, 3), (totals.CasesDestroyed, totals.PersonsDestroyed));
        Assert.InRange(seconds, 3, 4);
    }

    [Fact]
    public async Task RunAsync_DueCases_LifecycleProgressMeasured_REC_7()
    {
        var (time, db) = await SeededAsync(due: 2, notDue: 1);
        var meters = TestMeters.Create();
        using var processed = new MetricCollector<long>(meters, RecordsMetrics.MeterName, RecordsMetrics.LifecycleProcessed);
        using var remaining = new MetricCollector<long>(meters, RecordsMetrics.MeterName, RecordsMetrics.LifecycleRemaining);
        using var runner = Runner(db, time, ratePerMinute: 0, new RecordsMetrics(meters));

        await runner.RunAsync(batchSize: 0, Ct);
        remaining.RecordObservableInstruments();

        var byAction = processed.GetMeasurementSnapshot().GroupBy(m => (string)m.Tags["action"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(2, byAction["case_destroyed"]);
        Assert.Equal(2, byAction["person_destroyed"]);
        Assert.Equal(0, remaining.LastMeasurement?.Value);
    }

    [Fact]
    public async Task RunAsync_Sqlite_TheConnectionGoesBackToThePoolWithItsOwnCache()
    {
        var (time, db) = await SeededAsync(due: 2, notDue: 1);
        using var runner = Runner(db, time, ratePerMinute: 0);
        var before = await CacheSizeAsync(db);

        var totals = await runner.RunAsync(batchSize: 0, Ct);
        var after = await CacheSizeAsync(db);

        Assert.Equal(2, totals.CasesDestroyed);
        Assert.Equal(before, after);
    }
}
