using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clspd.ServiceDefaults.Data;

/// <summary>
/// Gives every stored response a bounded life: once an hour, entries of the request log older than
/// <see cref="DatabaseOptions.RequestLogRetention"/> are removed (a retry after that is a new call).
/// </summary>
public sealed partial class RequestLogJanitor(Database database, DatabaseState state, IOptions<DatabaseOptions> options, TimeProvider time, ILogger<RequestLogJanitor> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Removes the expired entries now; returns how many.</summary>
    public Task<int> PurgeAsync(CancellationToken ct) =>
        database.WriteAsync(w => Forgetting.ExpiredRequestsAsync(w, w.Now - options.Value.RequestLogRetention), ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stoppingToken);
                if (state.IsReady)
                {
                    await PurgeAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (System.Data.Common.DbException ex)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The request log could not be purged of expired entries; retried at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
