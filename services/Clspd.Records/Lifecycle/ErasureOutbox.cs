using Clspd.Records.Peers;
using Clspd.Records.Store;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Microsoft.Extensions.Options;

namespace Clspd.Records.Lifecycle;

/// <summary>
/// REC-7: destruction propagates. Each person destroyed here is queued in the destruction's own
/// transaction (<c>subject_erasures</c>); this delivers the queue to consent's EraseSubject right
/// after a lifecycle run and again every <see cref="RecordsOptions.ErasureRetryInterval"/>, until
/// consent acknowledges (erasing is idempotent there, so a repeated delivery does no harm). Nothing
/// is lost while consent is down: the queue is in the database.
/// </summary>
public sealed partial class ErasureOutbox(
    Database database, ErasureOutboxStore store, ConsentPeer consent, IOptions<RecordsOptions> options, TimeProvider time, ILogger<ErasureOutbox> logger)
    : BackgroundService
{
    private const int BatchSize = 100;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Delivers every erasure due now; returns how many consent acknowledged (the others are tried again later).</summary>
    public async Task<int> DeliverAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var delivered = 0;
            while (!ct.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                var due = await database.ReadAsync(s => store.DueAsync(s, now, BatchSize), ct);
                foreach (var subjectRef in due)
                {
                    try
                    {
                        await consent.EraseSubjectAsync(subjectRef, ct);
                        await database.WriteAsync(w => store.AcknowledgedAsync(w, subjectRef), ct);
                        delivered++;
                    }
                    catch (UnavailableException ex)
                    {
                        LogPostponed(logger, ex.Message);
                        await database.WriteAsync(w => store.PostponeAsync(w, subjectRef, now + options.Value.ErasureRetryInterval), ct);
                    }
                }

                if (due.Count < BatchSize)
                {
                    break;
                }
            }

            if (delivered > 0 && database.Provider == DatabaseProvider.Sqlite)
            {
                // The queued references must not linger in the write-ahead log either.
                await database.ReadAsync(s => s.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);"), ct);
            }

            return delivered;
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.ErasureRetryInterval, time, stoppingToken);
                await DeliverAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "REC-7: an erasure could not be delivered to consent ({Problem}); it is tried again later")]
    private static partial void LogPostponed(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "REC-7: the erasure queue could not be read; it is tried again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
