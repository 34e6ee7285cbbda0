using Clspd.Consent.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Clspd.Access.Facts;

/// <summary>Follows the consent change feed to invalidate the <see cref="ConsentCache"/>.</summary>
public sealed partial class ConsentFeed(ConsentCache cache, ConsentService.ConsentServiceClient consent, IOptions<AccessOptions> options, ILogger<ConsentFeed> logger)
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
                using var call = consent.Watch(new WatchRequest { FromRevision = cache.Feed.Revision }, cancellationToken: stoppingToken);
                await foreach (var change in call.ResponseStream.ReadAllAsync(stoppingToken))
                {
                    switch (change.ChangeCase)
                    {
                        case WatchResponse.ChangeOneofCase.None:
                            cache.Heartbeat(change.Revision);
                            break;
                        case WatchResponse.ChangeOneofCase.Informing:
                            cache.Invalidate(change.Informing.SubjectRef, change.Revision);
                            break;
                        case WatchResponse.ChangeOneofCase.Decision:
                            cache.Invalidate(change.Decision.SubjectRef, change.Revision);
                            break;
                        default:
                            // A kind of change this version does not know: forget everything.
                            cache.Invalidate(null, change.Revision);
                            break;
                    }

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

            cache.Feed.Disconnected();
            await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5_000));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consent change feed disconnected ({Status}); reconnecting in {Milliseconds} ms")]
    private static partial void LogDisconnected(ILogger logger, StatusCode status, double milliseconds);
}
