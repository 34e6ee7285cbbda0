using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clspd.ServiceDefaults.Data;

/// <summary>
/// Migrates the database after the server has started, so health answers NOT_SERVING meanwhile;
/// retries while the database cannot be reached. Calls are refused with Unavailable until ready.
/// </summary>
public sealed partial class MigrationHostedService(
    Database database, ServiceIdentity service, DatabaseState state, IOptions<DatabaseOptions> options,
    ILogger<MigrationHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(options.Value.RetrySeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            state.MarkFailed("migrating");
            var result = await Task.Run(() => TryMigrate(), stoppingToken);
            if (result.Successful)
            {
                foreach (var script in result.Scripts)
                {
                    LogApplied(logger, script.Name);
                }

                state.MarkReady();
                LogReady(logger, service.Name, database.Provider.ToString());
                return;
            }

            state.MarkFailed("migration failed: " + result.Error?.Message);
            LogFailed(logger, result.Error, delay.TotalSeconds);
            await Task.Delay(delay, stoppingToken);
        }
    }

    // Whatever goes wrong (server down, a file that is not a database, a script error) leaves the
    // service NOT_SERVING and retrying, rather than ending the process.
    private DbUp.Engine.DatabaseUpgradeResult TryMigrate()
    {
        try
        {
            return Migrator.Run(database.Provider, database.ConnectionString, service.MigrationsAssembly, options.Value.EnsureDatabase);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new DbUp.Engine.DatabaseUpgradeResult([], false, ex, null);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Script}")]
    private static partial void LogApplied(ILogger logger, string script);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database of {Service} ready on {Provider}")]
    private static partial void LogReady(ILogger logger, string service, string provider);

    [LoggerMessage(Level = LogLevel.Error, Message = "Database migration failed; retrying in {Seconds} s")]
    private static partial void LogFailed(ILogger logger, Exception? error, double seconds);
}
