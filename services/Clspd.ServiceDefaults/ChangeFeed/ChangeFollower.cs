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

    public async IAsyncEnumerable<ChangeRecord> FollowAsync(long fromRevision, [EnumeratorCancellation] CancellationToken ct)
    {
        var last = fromRevision;
        while (!ct.IsCancellationRequested)
        {
            var woken = signal.NextAsync();
            IReadOnlyList<ChangeRecord> batch;
            await using (var connection = await database.OpenAsync(ct))
            {
                batch = await ChangeLog.ReadAfterAsync(connection, database.Provider, last, BatchSize, ct);
            }

            foreach (var change in batch)
            {
                yield return change;
                last = change.Revision;
            }

            if (batch.Count == BatchSize)
            {
                continue;
            }

            try
            {
                await woken.WaitAsync(PollInterval, ct);
            }
            catch (TimeoutException)
            {
                // Poll: another instance may have committed.
            }
        }
    }
}
