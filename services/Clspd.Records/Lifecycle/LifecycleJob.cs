using Microsoft.Extensions.Options;

namespace Clspd.Records.Lifecycle;

/// <summary>Runs the lifecycle work and the 12-month report check periodically (both idempotent); a failed run is logged and retried next time.</summary>
public sealed partial class LifecycleJob(LifecycleRunner runner, ErasureOutbox erasures, EvaluationWatch evaluations, IOptions<RecordsOptions> options, TimeProvider time, ILogger<LifecycleJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.Value.LifecycleInterval, time, stoppingToken);
                if ((await runner.RunAsync(options.Value.DestroyBatchSize, stoppingToken)).PersonsDestroyed > 0)
                {
                    // REC-7: consent erases them too; what it does not acknowledge now stays queued and is tried again.
                    await erasures.DeliverAsync(stoppingToken);
                }

                // REC-11: an overdue charter-application report is logged once a day.
                await evaluations.CheckAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Lifecycle run failed; it is retried at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
