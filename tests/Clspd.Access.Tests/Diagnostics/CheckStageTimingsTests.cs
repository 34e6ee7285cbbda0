using System.Diagnostics;
using Clspd.Access.Diagnostics;
using Clspd.Access.Domain;
using Clspd.Access.Store;
using Clspd.Access.Store.FastPath;
using Clspd.Access.Tests.Store;
using Clspd.ServiceDefaults;
using Clspd.Testing;

namespace Clspd.Access.Tests.Diagnostics;

/// <summary>The stage timings of a Check (off by default, for the benchmarks): each stage counted in its bucket, and the audit writer's stamps.</summary>
public sealed class CheckStageTimingsTests
{
    private static readonly ServiceIdentity Service = new("access", typeof(AuditStore).Assembly);

    private static long Micros(long us) => us * Stopwatch.Frequency / 1_000_000;

    private static string[] StageLine(string snapshot, string stage) =>
        snapshot.Split('\n').Select(l => l.Split('\t')).Single(f => f[0] == "stage" && f[1] == stage);

    [Fact]
    public void Record_EveryStageStamped_EachStageInItsBucket()
    {
        var timings = new CheckStageTimings();
        var timeline = new CheckTimeline
        {
            Arrived = Micros(1_000), Handled = Micros(1_050), Decided = Micros(1_070), Enqueued = Micros(1_075),
            BatchStarted = Micros(1_400), Committed = Micros(2_100), Resumed = Micros(2_200), BatchSize = 12,
        };

        timings.Record(timeline, Micros(2_300));

        var snapshot = timings.Snapshot();
        Assert.Equal(["stage", "commit", "1", "700", "70:1"], StageLine(snapshot, "commit"));
        Assert.Equal(["stage", "queued", "1", "325", "32:1"], StageLine(snapshot, "queued"));
        Assert.Equal(["stage", "total", "1", "1300", "130:1"], StageLine(snapshot, "total"));
        Assert.Equal("12:1", StageLine(snapshot, "batch-size")[4]);
    }

    [Fact]
    public void Snapshot_Counters_AllocatedBytesGrowWithTheProcess()
    {
        var timings = new CheckStageTimings();
        static long Counter(string snapshot, string name) =>
            long.Parse(snapshot.Split('\n').Select(l => l.Split('\t')).Single(f => f[0] == "counter" && f[1] == name)[2], System.Globalization.CultureInfo.InvariantCulture);

        var before = Counter(timings.Snapshot(), "allocated-bytes");
        var kept = new byte[1_000_000];
        var after = Counter(timings.Snapshot(), "allocated-bytes");

        Assert.True(after - before >= kept.Length, $"allocated-bytes grew by {after - before}, less than the 1 MB array allocated between the two snapshots");
    }

    [Fact]
    public void Record_StageNotReached_NotCounted()
    {
        var timings = new CheckStageTimings();
        // A call refused before its decision: no audit stamps.
        timings.Record(new CheckTimeline { Arrived = Micros(10), Handled = Micros(20) }, Micros(30));

        Assert.Equal(["stage", "total", "0", "0", ""], StageLine(timings.Snapshot(), "total"));
    }

    [Fact]
    public async Task Writer_TimelineOfTheFlow_StampedFromQueueToCommit()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = new AuditTrail(TestDatabases.Sqlite(Service));
        await using var running = await store.StartWriterAsync(ct);
        var writer = running.Writer;
        var timeline = new CheckTimeline { Arrived = Stopwatch.GetTimestamp() };
        CheckTimeline.Current = timeline;
        await writer.AppendAsync(new AuditRecord
        {
            DecisionId = Guid.CreateVersion7().ToString(), DecidedAt = new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero), Principal = "user-1",
            Role = 3, Action = 1, CaseId = "case-1", SubjectRef = "S-1", CouncilId = "k1", GroupId = "g", ViewKind = 1, Outcome = 1, RuleIds = "ACC-1", Reason = "r",
        }, ct);
        CheckTimeline.Current = null;

        Assert.True(timeline.Enqueued >= timeline.Arrived, "enqueued stamped");
        Assert.True(timeline.BatchStarted >= timeline.Arrived, "batch start stamped");
        Assert.True(timeline.Committed >= timeline.BatchStarted, "commit stamped after the batch started");
        Assert.Equal(1, timeline.BatchSize);
    }
}
