using System.Data.Common;
using System.Globalization;
using Clspd.Records.Diagnostics;
using Clspd.Records.Store;
using Clspd.ServiceDefaults.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Clspd.Records.Lifecycle;

/// <summary>Totals of one lifecycle run.</summary>
/// <param name="RemainingDue">Work still due when the run stopped (it was bounded, or rows became due meanwhile).</param>
public sealed record LifecycleTotals(int ClosedAt25, int CasesDestroyed, int PersonsDestroyed, int AgendaItemsPurged = 0, int RemainingDue = 0);

/// <summary>
/// The daily lifecycle work (REC-4, REC-7): close follow-ups of persons who turned 25, destroy
/// due archived cases, then persons left without a case (data key first). Each batch is its own
/// short transaction, so tens of thousands of due rows never hold readers up, and the run keeps to
/// <see cref="RecordsOptions.LifecycleRatePerMinute"/>, so that it never takes the processor the
/// decisions of the day need.
/// </summary>
public sealed partial class LifecycleRunner(Database database, LifecycleStore store, MeetingStore meetings, IOptions<RecordsOptions> options, TimeProvider time,
    RecordsMetrics metrics, ILogger<LifecycleRunner> logger) : IDisposable
{
    /// <summary>Rows per transaction when none is configured, on SQLite: readers never wait for a writer, and larger batches cost less per case.</summary>
    public const int SqliteBatchSize = 5_000;

    /// <summary>Rows per transaction when none is configured, on SQL Server: under its lock escalation threshold (5,000 locks).</summary>
    public const int SqlServerBatchSize = 2_000;

    /// <summary>Rows per transaction when none is configured, on PostgreSQL: it keeps row locks in the rows and never escalates them.</summary>
    public const int PostgresBatchSize = 5_000;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Runs until nothing is due (<paramref name="batchSize"/> 0: the provider's default).</summary>
    public Task<LifecycleTotals> RunAsync(int batchSize, CancellationToken ct) => RunAsync(batchSize, maxCases: 0, ct);

    /// <summary>
    /// Runs in transactions of <paramref name="batchSize"/> rows (0: the provider's default), at most <paramref name="maxCases"/> units of work (follow-ups closed at 25, cases
    /// destroyed, persons without a case destroyed; 0 = no bound), then counts what is still due,
    /// so that a caller can run again and show progress.
    /// </summary>
    public async Task<LifecycleTotals> RunAsync(int batchSize, int maxCases, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            // One connection for the whole run: on SQLite its page cache, enlarged for the run, lasts from one
            // batch to the next, so the indexes a batch walks are not read from the file again by the next one.
            await using var connection = await database.OpenAsync(ct);
            var sqlite = database.Provider == DatabaseProvider.Sqlite;
            var cacheSize = sqlite ? await EnlargeCacheAsync(connection, ct) : 0;
            try
            {
                return await RunOnAsync(connection, batchSize, maxCases, ct);
            }
            finally
            {
                if (sqlite)
                {
                    await RestoreCacheAsync(connection, cacheSize);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<LifecycleTotals> RunOnAsync(DbConnection connection, int batchSize, int maxCases, CancellationToken ct)
    {
        if (batchSize <= 0)
        {
            batchSize = database.Provider switch
            {
                DatabaseProvider.Sqlite => SqliteBatchSize,
                DatabaseProvider.SqlServer => SqlServerBatchSize,
                _ => PostgresBatchSize,
            };
        }

        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var cutoff = now.AddMonths(-options.Value.ArchiveMonths);
        var budget = maxCases <= 0 ? int.MaxValue : maxCases;
        var pace = new LifecyclePace(options.Value.LifecycleRatePerMinute, time);
        var closed = await RepeatAsync(connection, (w, batch) => store.CloseAtAgeLimitAsync(w, today, batch), batchSize, budget, pace, ct);
        // REC-9: working documents of past meetings go, whether or not someone closed them.
        var purged = await database.WriteAsync(connection, w => meetings.PurgePastAsync(w, today), ct);
        var (cases, persons) = (0, 0);
        int done, size;
        do
        {
            size = Math.Min(batchSize, budget - closed - cases);
            if (size <= 0)
            {
                break;
            }

            var (c, p) = await database.WriteAsync(connection, async w => { await ShredSafelyAsync(w); return await store.DestroyDueCasesAsync(w, today, size); }, ct);
            (cases, persons, done) = (cases + c, persons + p, c);
            await pace.DoneAsync(c, ct);
        }
        while (done >= size && !ct.IsCancellationRequested);

        persons += await RepeatAsync(connection, async (w, batch) => { await ShredSafelyAsync(w); return await store.DestroyDuePersonsAsync(w, today, cutoff, batch); },
            batchSize, budget - closed - cases, pace, ct);
        // What follows reads on the run's own connection, as a session with no transaction.
        var read = new StoreSession(connection, null, database.Provider, now, ct);
        if (database.Provider == DatabaseProvider.Sqlite && cases + persons > 0)
        {
            // Old page images of the deleted keys must not linger in the write-ahead log.
            await read.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        var remaining = await store.CountDueAsync(read, today, cutoff);
        LogRun(logger, closed, cases, persons, remaining);
        metrics.Ran(closed, cases, persons, purged, remaining);
        return new LifecycleTotals(closed, cases, persons, purged, remaining);
    }

    // Batches of at most batchSize, until a batch comes back short or the budget is spent.
    private async Task<int> RepeatAsync(DbConnection connection, Func<StoreSession, int, Task<int>> batch, int batchSize, int budget, LifecyclePace pace, CancellationToken ct)
    {
        var total = 0;
        int done, size;
        do
        {
            size = Math.Min(batchSize, budget - total);
            if (size <= 0)
            {
                break;
            }

            done = await database.WriteAsync(connection, w => batch(w, size), ct);
            total += done;
            await pace.DoneAsync(done, ct);
        }
        while (done >= size && !ct.IsCancellationRequested);

        return total;
    }

    // SQLite: the run's cache (Records:LifecycleCacheMegabytes); returns the connection's own size, to restore.
    private async Task<long> EnlargeCacheAsync(DbConnection connection, CancellationToken ct)
    {
        var own = await connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA cache_size;", cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{options.Value.LifecycleCacheMegabytes * 1024};"), cancellationToken: ct));
        return own;
    }

    // The connection goes back to the pool: it must not keep the run's cache. A connection that cannot take
    // the pragma any more is cleared from the pool instead, and the run's own outcome is what the caller sees.
    private static async Task RestoreCacheAsync(DbConnection connection, long cacheSize)
    {
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {cacheSize}; PRAGMA shrink_memory;")));
        }
        catch (DbException)
        {
            SqliteConnection.ClearPool((SqliteConnection)connection);
        }
    }

    // SQLite: deleted content is overwritten with zeros instead of staying in free pages.
    private static Task ShredSafelyAsync(StoreSession w) =>
        w.Provider == DatabaseProvider.Sqlite ? w.ExecuteAsync("PRAGMA secure_delete = ON;") : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Lifecycle run: {Closed} follow-ups closed at 25, {Cases} cases and {Persons} persons destroyed, {Remaining} still due")]
    private static partial void LogRun(ILogger logger, int closed, int cases, int persons, int remaining);
}
