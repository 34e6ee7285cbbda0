using System.Data.Common;
using Clspd.Access.Domain;
using Clspd.ServiceDefaults.Data;
using Microsoft.Data.Sqlite;

namespace Clspd.Access.Store.FastPath;

/// <summary>
/// ACC-6, fast path of <see cref="AuditStore.FindAsync"/> (the reference, which gives the same
/// answer): on SQLite, a query for a case, a subject or a participant goes through the lookup
/// keys kept in their own file (<see cref="AuditKeyIndex"/>, on a connection of its own). The
/// entries under the key up to the last indexed one are found through the keys (a chunk of
/// sequence numbers at a time, each entry then read from the trail with every filter applied
/// again), and the entries after it are read from the trail itself, so the answer is the same
/// however far the indexer has got.
/// </summary>
public sealed class AuditSearch(Database database, AuditStore store, AuditKeyIndex keys)
{
    /// <summary>Entries matching the filters, oldest first.</summary>
    public Task<List<AuditRecord>> FindAsync(AuditFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return keys.Enabled && AuditKeyIndex.KeyOf(filter) is { } key
            ? FindThroughKeysAsync(filter, key, ct)
            : database.ReadAsync(s => store.FindAsync(s, filter), ct);
    }

    private async Task<List<AuditRecord>> FindThroughKeysAsync(AuditFilter filter, (AuditKeyIndex.Kind, string) key, CancellationToken ct)
    {
        var chunk = Math.Clamp(filter.Limit, 64, 1_000);
        DbConnection? opened = null;
        long through = 0;
        try
        {
            opened = await keys.OpenAsync(ct);
            through = await AuditKeyIndex.IndexedThroughAsync(opened, ct);
        }
        catch (SqliteException)
        {
            // The keys are derived data (the indexer rebuilds an unreadable file): without them, the trail is read in full.
            through = 0;
        }

        await using var keysInUse = opened;
        return await database.ReadAsync(async s =>
        {
            var found = new List<AuditRecord>(Math.Min(filter.Limit, 1_000));
            var after = filter.AfterSequence;
            while (found.Count < filter.Limit && after < through)
            {
                var seqs = await AuditKeyIndex.SeqsAsync(opened!, key, after, through, chunk, ct);
                if (seqs.Count > 0)
                {
                    found.AddRange(await store.FindAmongAsync(s, filter with { Limit = filter.Limit - found.Count }, seqs.Json));
                }

                after = seqs.Count < chunk ? through : seqs.Last;
            }

            if (found.Count < filter.Limit)
            {
                found.AddRange(await store.FindAsync(s, filter with { AfterSequence = Math.Max(after, filter.AfterSequence), Limit = filter.Limit - found.Count }));
            }

            return found;
        }, ct);
    }
}
