using System.Diagnostics;
using System.Threading.Channels;
using Clspd.Access.Diagnostics;
using Clspd.Access.Domain;
using Clspd.ServiceDefaults.Data;

namespace Clspd.Access.Store.FastPath;

/// <summary>
/// ACC-4, fast path: group commit for the audit trail, what every decision appends through. concurrent decisions are queued, and one writer appends them
/// in small batches, one transaction (one disk flush) per batch, on one connection of its own
/// with its statements built once (<see cref="AuditAppender"/>). A caller's task completes only
/// once its entry is durably committed; if the batch fails, every caller in it gets the failure
/// (and answers deny, ACC-4), and the next batch starts on a new connection.
/// </summary>
public sealed partial class AuditWriter(Database database, AuditKeyIndex keys, ILogger<AuditWriter> logger, AccessMetrics? metrics = null) : BackgroundService
{
    /// <summary>
    /// The largest group commit: large enough that the commit's flush is shared by many entries,
    /// small enough that a full batch does not hold its callers long (measurements in
    /// docs/benchmarks.md). A batch grows only while callers queue during the previous commit, so
    /// light load waits for no one.
    /// </summary>
    public const int MaxBatch = 1_024;

    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private sealed record Pending(AuditRecord Entry, TaskCompletionSource Done, CheckTimeline? Timeline);

    /// <summary>Queues an entry and completes when it is durably appended (sequence and hashes set).</summary>
    public async Task AppendAsync(AuditRecord entry, CancellationToken ct)
    {
        var timeline = CheckTimeline.Current;
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), timeline);
        await _queue.Writer.WriteAsync(pending, ct);
        if (timeline is not null)
        {
            timeline.Enqueued = Stopwatch.GetTimestamp();
        }

        await pending.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        var entries = new List<AuditRecord>(MaxBatch);
        AuditAppender? appender = null;
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                    entries.Add(next.Entry);
                }

                Stamp(batch, static (t, now, size) => { t.BatchStarted = now; t.BatchSize = size; });

                try
                {
                    // Not cancelled by shutdown: what was queued is written before the process stops.
                    appender ??= await AuditAppender.OpenAsync(database, CancellationToken.None);
                    var started = Stopwatch.GetTimestamp();
                    await appender.AppendAsync(entries, CancellationToken.None);
                    metrics?.AuditCommitted(entries.Count, Stopwatch.GetElapsedTime(started));
                    Stamp(batch, static (t, now, _) => t.Committed = now);
                    foreach (var p in batch)
                    {
                        p.Done.TrySetResult();
                    }

                    keys.Appended();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogBatchFailed(logger, ex, batch.Count);
                    foreach (var p in batch)
                    {
                        p.Done.TrySetException(new AuditUnavailableException("the audit trail could not be written", ex));
                    }

                    // The connection may be what failed: the next batch opens a new one.
                    if (appender is not null)
                    {
                        await appender.DisposeAsync();
                        appender = null;
                    }
                }

                batch.Clear();
                entries.Clear();
            }
        }
        finally
        {
            // A batch cut short by shutdown is not known to be written: its callers deny (ACC-4) rather than wait for their deadline.
            foreach (var p in batch)
            {
                p.Done.TrySetException(new AuditUnavailableException("the access service is stopping", null));
            }

            _queue.Writer.TryComplete();
            while (_queue.Reader.TryRead(out var left))
            {
                left.Done.TrySetException(new AuditUnavailableException("the access service is stopping", null));
            }

            if (appender is not null)
            {
                await appender.DisposeAsync();
            }
        }
    }

    // Stage timings (off unless configured): one clock read for the batch.
    private static void Stamp(List<Pending> batch, Action<CheckTimeline, long, int> stamp)
    {
        long now = 0;
        foreach (var p in batch)
        {
            if (p.Timeline is { } timeline)
            {
                now = now == 0 ? Stopwatch.GetTimestamp() : now;
                stamp(timeline, now, batch.Count);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit batch of {Count} entries failed; those decisions are denied")]
    private static partial void LogBatchFailed(ILogger logger, Exception ex, int count);
}
