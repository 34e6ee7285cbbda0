using Clspd.Records.Store;
using Clspd.ServiceDefaults.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace Clspd.Records.Lifecycle;

/// <summary>Totals of one lifecycle run.</summary>
/// <param name="RemainingDue">Work still due when the run stopped (it was bounded, or rows became due meanwhile).</param>
public sealed record LifecycleTotals(int ClosedAt25, int CasesDestroyed, int PersonsDestroyed, int AgendaItemsPurged = 0, int RemainingDue = 0);

/// <summary>
/// The daily lifecycle work (REC-4, REC-7): close follow-ups of persons who turned 25, destroy
/// due archived cases, then persons left without a case (data key first). Each batch is its own
/// short transaction, so tens of thousands of due rows never hold readers up.
/// </summary>
public sealed partial class LifecycleRunner(Database database, LifecycleStore store, MeetingStore meetings, IOptions<RecordsOptions> options, TimeProvider time, ILogger<LifecycleRunner> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Runs until nothing is due.</summary>
    public Task<LifecycleTotals> RunAsync(int batchSize, CancellationToken ct) => RunAsync(batchSize, maxCases: 0, ct);

    /// <summary>
    /// Runs at most <paramref name="maxCases"/> units of work (follow-ups closed at 25, cases
    /// destroyed, persons without a case destroyed; 0 = no bound), then counts what is still due,
    /// so that a caller can run again and show progress.
    /// </summary>
    public async Task<LifecycleTotals> RunAsync(int batchSize, int maxCases, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var now = time.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var cutoff = now.AddMonths(-options.Value.ArchiveMonths);
            var budget = maxCases <= 0 ? int.MaxValue : maxCases;
            var closed = await RepeatAsync((w, batch) => store.CloseAtAgeLimitAsync(w, today, batch), batchSize, budget, ct);
            // REC-9: working documents of past meetings go, whether or not someone closed them.
            var purged = await database.WriteAsync(w => meetings.PurgePastAsync(w, today), ct);
            var (cases, persons) = (0, 0);
            int done, size;
            do
            {
                size = Math.Min(batchSize, budget - closed - cases);
                if (size <= 0)
                {
                    break;
                }

                var (c, p) = await database.WriteAsync(async w => { await ShredSafelyAsync(w); return await store.DestroyDueCasesAsync(w, today, size); }, ct);
                (cases, persons, done) = (cases + c, persons + p, c);
            }
            while (done >= size && !ct.IsCancellationRequested);

            persons += await RepeatAsync(async (w, batch) => { await ShredSafelyAsync(w); return await store.DestroyDuePersonsAsync(w, today, cutoff, batch); },
                batchSize, budget - closed - cases, ct);
            if (database.Provider == DatabaseProvider.Sqlite && cases + persons > 0)
            {
                // Old page images of the deleted keys must not linger in the write-ahead log.
                await database.ReadAsync(c => c.ExecuteAsync(new CommandDefinition("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken: ct)), ct);
            }

            var remaining = await database.ReadAsync(c => store.CountDueAsync(c, today, cutoff, ct), ct);
            LogRun(logger, closed, cases, persons, remaining);
            return new LifecycleTotals(closed, cases, persons, purged, remaining);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    // Batches of at most batchSize, until a batch comes back short or the budget is spent.
    private async Task<int> RepeatAsync(Func<WriteContext, int, Task<int>> batch, int batchSize, int budget, CancellationToken ct)
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

            done = await database.WriteAsync(w => batch(w, size), ct);
            total += done;
        }
        while (done >= size && !ct.IsCancellationRequested);

        return total;
    }

    // SQLite: deleted content is overwritten with zeros instead of staying in free pages.
    private static Task ShredSafelyAsync(WriteContext w) =>
        w.Provider == DatabaseProvider.Sqlite ? w.ExecuteAsync("PRAGMA secure_delete = ON;") : Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Lifecycle run: {Closed} follow-ups closed at 25, {Cases} cases and {Persons} persons destroyed, {Remaining} still due")]
    private static partial void LogRun(ILogger logger, int closed, int cases, int persons, int remaining);
}
