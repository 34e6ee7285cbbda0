using Clspd.Records.Store;
using Clspd.ServiceDefaults.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace Clspd.Records.Lifecycle;

/// <summary>Totals of one lifecycle run.</summary>
public sealed record LifecycleTotals(int ClosedAt25, int CasesDestroyed, int PersonsDestroyed, int AgendaItemsPurged = 0);

/// <summary>
/// The daily lifecycle work (REC-4, REC-7): close follow-ups of persons who turned 25, destroy
/// due archived cases, then persons left without a case (data key first). Each batch is its own
/// short transaction, so tens of thousands of due rows never hold readers up.
/// </summary>
public sealed partial class LifecycleRunner(Database database, LifecycleStore store, MeetingStore meetings, IOptions<RecordsOptions> options, TimeProvider time, ILogger<LifecycleRunner> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<LifecycleTotals> RunAsync(int batchSize, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var closed = await RepeatAsync(w => store.CloseAtAgeLimitAsync(w, today, batchSize), batchSize, ct);
            // REC-9: working documents of past meetings go, whether or not someone closed them.
            var purged = await database.WriteAsync(w => meetings.PurgePastAsync(w, today), ct);
            var (cases, persons) = (0, 0);
            int done;
            do
            {
                var (c, p) = await database.WriteAsync(async w => { await ShredSafelyAsync(w); return await store.DestroyDueCasesAsync(w, today, batchSize); }, ct);
                (cases, persons, done) = (cases + c, persons + p, c);
            }
            while (done >= batchSize);

            var cutoff = now.AddMonths(-options.Value.ArchiveMonths);
            persons += await RepeatAsync(async w => { await ShredSafelyAsync(w); return await store.DestroyDuePersonsAsync(w, today, cutoff, batchSize); }, batchSize, ct);
            if (database.Provider == DatabaseProvider.Sqlite && cases + persons > 0)
            {
                // Old page images of the deleted keys must not linger in the write-ahead log.
                await database.ReadAsync(c => c.ExecuteAsync(new CommandDefinition("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken: ct)), ct);
            }

            LogRun(logger, closed, cases, persons);
            return new LifecycleTotals(closed, cases, persons, purged);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<int> RepeatAsync(Func<WriteContext, Task<int>> batch, int batchSize, CancellationToken ct)
    {
        var total = 0;
        int done;
        do
        {
            done = await database.WriteAsync(batch, ct);
            total += done;
        }
        while (done >= batchSize && !ct.IsCancellationRequested);

        return total;
    }

    // SQLite: deleted content is overwritten with zeros instead of staying in free pages.
    private static Task ShredSafelyAsync(WriteContext w) =>
        w.Provider == DatabaseProvider.Sqlite ? w.ExecuteAsync("PRAGMA secure_delete = ON;") : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Lifecycle run: {Closed} follow-ups closed at 25, {Cases} cases and {Persons} persons destroyed")]
    private static partial void LogRun(ILogger logger, int closed, int cases, int persons);
}
