namespace Clspd.Access.Store.FastPath;

/// <summary>
/// Fast path: keeps the trail's lookup keys (<see cref="AuditKeyIndex"/>) up with the trail on SQLite:
/// after each group commit (woken by the audit writer, gathering what comes within a short
/// interval so that one transaction indexes many entries), and every second for entries written
/// by another process. On start it catches up with whatever the trail holds; a keys' file that
/// SQLite cannot read is deleted and rebuilt. Queries stay exact meanwhile: they read the entries
/// the keys do not yet cover from the trail itself.
/// </summary>
public sealed partial class AuditIndexer(AuditKeyIndex keys, ILogger<AuditIndexer> logger) : BackgroundService
{
    /// <summary>Entries indexed per transaction of the keys' file.</summary>
    public const int Batch = 16_384;

    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AfterFailure = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!keys.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await keys.CatchUpAsync(Batch, stoppingToken) == Batch)
                {
                    continue;
                }

                await keys.WaitForAppendAsync(Poll, stoppingToken);
                await Task.Delay(Gather, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex, keys.Path ?? "");
                if (AuditKeyIndex.IsUnreadableFile(ex))
                {
                    await keys.DiscardAsync(stoppingToken);
                }

                await Task.Delay(AfterFailure, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indexing the audit trail's lookup keys in {Path} failed; queries read the trail in full until it succeeds")]
    private static partial void LogFailed(ILogger logger, Exception ex, string path);
}
