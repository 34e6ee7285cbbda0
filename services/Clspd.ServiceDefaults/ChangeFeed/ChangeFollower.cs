using System.Runtime.CompilerServices;
using Clspd.ServiceDefaults.Data;

namespace Clspd.ServiceDefaults.ChangeFeed;

/// <summary>
/// Server side of every <c>Watch(from_revision)</c>: replays the stored changes after a revision,
/// then follows new ones, woken by this process's commits and, for changes committed by another
/// instance on the same database, by a short poll.
/// </summary>
public sealed class ChangeFollower(Database database, ChangeSignal signal)
{
    private const int BatchSize = 500;

    /// <summary>How often to look for changes committed by other processes.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an idle stream sends a heartbeat.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Yields every change after <paramref name="fromRevision"/> in order, then new ones as they
    /// commit. Interleaved are heartbeats (<see cref="ChangeRecord.IsHeartbeat"/>): each says that
    /// every change up to its revision has been yielded — once the stored backlog is drained, then
    /// whenever the stream has been idle for <see cref="HeartbeatInterval"/>.
    /// </summary>
    public async IAsyncEnumerable<ChangeRecord> FollowAsync(long fromRevision, [EnumeratorCancellation] CancellationToken ct)
    {
        var last = fromRevision;
        var readAny = false;
        var lastHeartbeat = DateTime.MinValue;
        while (!ct.IsCancellationRequested)
        {
            var woken = signal.NextAsync();
            IReadOnlyList<ChangeRecord> batch;
            long head;
            (batch, head) = await database.ReadAsync(async s =>
            {
                var read = await ChangeLog.ReadAfterAsync(s, last, BatchSize);
                return (read, read.Count > 0 || readAny ? 0 : await ChangeLog.LastChangeRevisionAsync(s));
            }, ct);

            foreach (var change in batch)
            {
                yield return change;
                last = change.Revision;
                readAny = true;
            }

            if (batch.Count == BatchSize)
            {
                continue;
            }

            if (batch.Count > 0 || DateTime.UtcNow - lastHeartbeat >= HeartbeatInterval)
            {
                // Caught up: everything committed up to here has been sent. A client that claims a
                // revision beyond the head is told the real head.
                lastHeartbeat = DateTime.UtcNow;
                yield return ChangeRecord.Heartbeat(readAny ? last : Math.Min(last, head), DateTimeOffset.UtcNow);
            }

            try
            {
                await woken.WaitAsync(PollInterval < HeartbeatInterval ? PollInterval : HeartbeatInterval, ct);
            }
            catch (TimeoutException)
            {
                // Poll: another instance may have committed.
            }
        }
    }
}
