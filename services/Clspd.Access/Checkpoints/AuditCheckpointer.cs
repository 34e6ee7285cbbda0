using Clspd.ServiceDefaults.Errors;
using Microsoft.Extensions.Options;

namespace Clspd.Access.Checkpoints;

/// <summary>
/// Signs a checkpoint of the audit trail every <c>Access:Audit:CheckpointInterval</c> when
/// entries were appended since the last one (ACC-4). The interval runs on the service's
/// <see cref="TimeProvider"/>. A trail that no longer follows its last checkpoint is not signed:
/// the refusal is logged as an error at every interval until someone looks.
/// </summary>
public sealed partial class AuditCheckpointer(AuditCheckpoints checkpoints, IOptions<AccessOptions> options, TimeProvider time, ILogger<AuditCheckpointer> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Audit.CheckpointInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await checkpoints.CreateAsync(onlyIfMoved: true, stoppingToken);
                }
                catch (RuleViolationException ex)
                {
                    LogRefused(logger, ex.Message);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "No audit checkpoint signed: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Signing an audit checkpoint failed; the next interval tries again")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
