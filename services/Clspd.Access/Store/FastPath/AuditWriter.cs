using System.Collections.Concurrent;
using System.Diagnostics;
using Clspd.Access.Diagnostics;
using Clspd.Access.Domain;
using Clspd.ServiceDefaults.Data;

namespace Clspd.Access.Store.FastPath;

/// <summary>
/// ACC-4, fast path: group commit for the audit trail, what every decision appends through. Entries
/// are queued, and whoever writes takes everything queued (up to <see cref="MaxBatch"/>) into one
/// transaction (one disk flush), on one connection of its own with its statements built once
/// (<see cref="AuditAppender"/>). A caller that finds no batch being written writes its own at once,
/// on its own thread, and answers as soon as it is on disk: no hand-over to a writer and back, no
/// timer, no waiting for company. Callers that arrive while a batch is being written queue, and the
/// next batch takes them all as soon as the flush ends (a writer of its own while the queue is not
/// empty). A caller's task completes only once its entry is durably committed; if the batch fails,
/// every caller in it gets the failure (and answers deny, ACC-4), and the next batch starts on a new
/// connection. Measurements in docs/benchmarks.md (issue #22).
/// </summary>
public sealed partial class AuditWriter(Database database, AuditKeyIndex keys, ILogger<AuditWriter> logger) : IHostedService, IDisposable
{
    /// <summary>
    /// The largest group commit: large enough that the commit's flush is shared by many entries,
    /// small enough that a full batch does not hold its callers long (measurements in
    /// docs/benchmarks.md). A batch grows only while callers queue during the previous commit, so
    /// light load waits for no one.
    /// </summary>
    public const int MaxBatch = 1_024;

    private readonly ConcurrentQueue<Pending> _queue = new();

    // Held by whoever writes a batch: one batch at a time, on the one appender.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly List<Pending> _batch = new(MaxBatch);
    private readonly List<AuditRecord> _entries = new(MaxBatch);
    private AuditAppender? _appender;
    private volatile bool _stopping;

    private sealed record Pending(AuditRecord Entry, TaskCompletionSource Done, CheckTimeline? Timeline);

    /// <summary>Queues an entry and completes when it is durably appended (sequence and hashes set).</summary>
    public async Task AppendAsync(AuditRecord entry, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        if (_stopping)
        {
            throw new AuditUnavailableException("the access service is stopping", null);
        }

        var timeline = CheckTimeline.Current;
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), timeline);
        _queue.Enqueue(pending);
        if (timeline is not null)
        {
            timeline.Enqueued = Stopwatch.GetTimestamp();
        }

        if (_stopping)
        {
            // Stopping began while this was queued: whatever the stop did not see is refused here.
            FailQueued();
        }
        else if (_writing.Wait(0, CancellationToken.None))
        {
            // No batch being written: this caller writes one now, with whatever is queued.
            await WriteAsync(untilEmpty: false);
        }

        await pending.Done.Task;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Lets the batch being written finish; what is still queued is refused (its callers deny, ACC-4,
    /// rather than wait for their deadline); no batch is written after.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        await _writing.WaitAsync(CancellationToken.None);
        try
        {
            FailQueued();
            if (_appender is not null)
            {
                await _appender.DisposeAsync();
                _appender = null;
            }
        }
        finally
        {
            // Released for a second stop (hosts may stop twice); no batch is written once stopping.
            _writing.Release();
        }
    }

    public void Dispose() => _writing.Dispose();

    // Called holding _writing, which it releases: one batch, or batches until the queue is empty.
    private async Task WriteAsync(bool untilEmpty)
    {
        try
        {
            do
            {
                await WriteBatchAsync();
            }
            while (untilEmpty && !_queue.IsEmpty && !_stopping);
        }
        finally
        {
            _writing.Release();
        }

        // Callers that queued during that batch found it being written and left theirs to the writer:
        // the next batch starts now, for all of them, on a writer of its own.
        if (!_queue.IsEmpty && !_stopping && _writing.Wait(0))
        {
            _ = Task.Run(() => WriteAsync(untilEmpty: true));
        }
    }

    private async Task WriteBatchAsync()
    {
        if (_stopping)
        {
            FailQueued();
            return;
        }

        while (_batch.Count < MaxBatch && _queue.TryDequeue(out var next))
        {
            _batch.Add(next);
            _entries.Add(next.Entry);
        }

        if (_batch.Count == 0)
        {
            return;
        }

        Stamp(_batch, static (t, now, size) => { t.BatchStarted = now; t.BatchSize = size; });
        try
        {
            // Not cancelled by any caller or by shutdown: a batch begun is written.
            _appender ??= await AuditAppender.OpenAsync(database, CancellationToken.None);
            await _appender.AppendAsync(_entries, CancellationToken.None);
            Stamp(_batch, static (t, now, _) => t.Committed = now);
            foreach (var p in _batch)
            {
                p.Done.TrySetResult();
            }

            keys.Appended();
        }
        catch (Exception ex)
        {
            LogBatchFailed(logger, ex, _batch.Count);
            foreach (var p in _batch)
            {
                p.Done.TrySetException(new AuditUnavailableException("the audit trail could not be written", ex));
            }

            // The connection may be what failed: the next batch opens a new one.
            if (_appender is not null)
            {
                await _appender.DisposeAsync();
                _appender = null;
            }
        }
        finally
        {
            _batch.Clear();
            _entries.Clear();
        }
    }

    private void FailQueued()
    {
        while (_queue.TryDequeue(out var left))
        {
            left.Done.TrySetException(new AuditUnavailableException("the access service is stopping", null));
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
