using Clspd.Registry.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Clspd.Access.Facts;

/// <summary>
/// Follows the registry's change feed into the <see cref="RegistryView"/>, from the start on
/// every process start (the view is rebuilt), reconnecting where it left off after an error.
/// </summary>
public sealed partial class RegistryFeed(RegistryView view, RegistryService.RegistryServiceClient registry, IOptions<AccessOptions> options, ILogger<RegistryFeed> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.UseLocalView)
        {
            return;
        }

        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var call = registry.Watch(new WatchRequest { FromRevision = view.Feed.Revision }, cancellationToken: stoppingToken);
                await foreach (var change in call.ResponseStream.ReadAllAsync(stoppingToken))
                {
                    view.Apply(change);
                    delay = TimeSpan.FromMilliseconds(200);
                }
            }
            catch (RpcException ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogDisconnected(logger, ex.StatusCode, delay.TotalMilliseconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            view.Feed.Disconnected();
            await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5_000));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registry change feed disconnected ({Status}); reconnecting in {Milliseconds} ms")]
    private static partial void LogDisconnected(ILogger logger, StatusCode status, double milliseconds);
}
