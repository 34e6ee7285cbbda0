using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Clspd.Access.Diagnostics;

/// <summary>
/// Histograms of the time between a Check's stages (<see cref="CheckTimeline"/>), in buckets of
/// 10 µs up to 20 ms (then one overflow bucket), cumulative since the start; written as text by
/// <see cref="StageTimingsWriter"/>, one line per stage: name, count, sum in µs, then the non-empty buckets as index:count.
/// </summary>
public sealed class CheckStageTimings
{
    public const int BucketMicroseconds = 10;
    public const int Buckets = 2_000;

    /// <summary>The stages, each the time from the previous stamp to its own; "total" from arrival to the answer written.</summary>
    public static readonly IReadOnlyList<string> Stages = ["pipeline", "decision", "enqueue", "queued", "commit", "hand-back", "response", "total"];

    private readonly long[][] _histograms = Stages.Select(_ => new long[Buckets + 1]).ToArray();
    private readonly long[] _counts = new long[Stages.Count];
    private readonly long[] _sums = new long[Stages.Count];
    private readonly long[] _batchSizes = new long[AuditBatchSizes];
    private const int AuditBatchSizes = 1_025;

    /// <summary>Records a Check whose answer was just written; a timeline missing a stamp (a failed call) is not recorded.</summary>
    public void Record(CheckTimeline timeline, long written)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        long[] stamps = [timeline.Arrived, timeline.Handled, timeline.Decided, timeline.Enqueued, timeline.BatchStarted, timeline.Committed, timeline.Resumed, written];
        if (stamps.Any(s => s == 0))
        {
            return;
        }

        for (var stage = 0; stage < Stages.Count - 1; stage++)
        {
            Add(stage, stamps[stage + 1] - stamps[stage]);
        }

        Add(Stages.Count - 1, written - timeline.Arrived);
        Interlocked.Increment(ref _batchSizes[Math.Clamp(timeline.BatchSize, 0, AuditBatchSizes - 1)]);
    }

    private void Add(int stage, long ticks)
    {
        var micros = Math.Max(0, (long)(ticks * 1_000_000.0 / Stopwatch.Frequency));
        Interlocked.Increment(ref _histograms[stage][Math.Min(Buckets, micros / BucketMicroseconds)]);
        Interlocked.Increment(ref _counts[stage]);
        Interlocked.Add(ref _sums[stage], micros);
    }

    /// <summary>The histograms as text, with the process's gen0 collections, GC pause time and bytes allocated so far.</summary>
    public string Snapshot()
    {
        var text = new StringBuilder();
        for (var stage = 0; stage < Stages.Count; stage++)
        {
            text.Append(CultureInfo.InvariantCulture, $"stage\t{Stages[stage]}\t{Volatile.Read(ref _counts[stage])}\t{Volatile.Read(ref _sums[stage])}\t");
            AppendBuckets(text, _histograms[stage]);
            text.Append('\n');
        }

        text.Append("stage\tbatch-size\t0\t0\t");
        AppendBuckets(text, _batchSizes);
        text.Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"counter\tgen0\t{GC.CollectionCount(0)}\n");
        text.Append(CultureInfo.InvariantCulture, $"counter\tgc-pause-us\t{(long)GC.GetTotalPauseDuration().TotalMicroseconds}\n");
        text.Append(CultureInfo.InvariantCulture, $"counter\tallocated-bytes\t{GC.GetTotalAllocatedBytes()}\n");
        text.Append(CultureInfo.InvariantCulture, $"counter\tthreadpool-items\t{ThreadPool.CompletedWorkItemCount}\n");
        text.Append(CultureInfo.InvariantCulture, $"counter\tthreadpool-threads\t{ThreadPool.ThreadCount}\n");
        return text.ToString();
    }

    private static void AppendBuckets(StringBuilder text, long[] buckets)
    {
        var first = true;
        for (var i = 0; i < buckets.Length; i++)
        {
            var count = Volatile.Read(ref buckets[i]);
            if (count != 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"{(first ? "" : ",")}{i}:{count}");
                first = false;
            }
        }
    }
}
