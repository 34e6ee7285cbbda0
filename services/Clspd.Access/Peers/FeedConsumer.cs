using Clspd.Access.Diagnostics;
using Clspd.Access.Facts;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Clspd.Access.Peers;

/// <summary>
/// Follows one service's change feed from where it left off, reconnecting with a growing delay
/// after an error; while disconnected its <see cref="FeedState"/> is not caught up, so checks go
/// to the source directly or fail closed (ACC-7).
/// </summary>
public abstract partial class FeedConsumer(string source, FeedState feed, IOptions<AccessOptions> options, AccessMetrics metrics, ILogger logger) : BackgroundService
{
    /// <summary>Opens the feed after <paramref name="fromRevision"/> and applies each change until the stream ends.</summary>
    protected abstract Task FollowAsync(long fromRevision, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.UseLocalView)
        {
            return;
        }

        metrics.Follow(source, () => feed.LastContact);
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            var before = feed.Revision;
            try
            {
                await FollowAsync(feed.Revision, stoppingToken);
            }
            catch (RpcException ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogDisconnected(logger, source, ex.StatusCode, delay.TotalMilliseconds);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            feed.Disconnected();
            delay = feed.Revision > before ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5_000));
            await Task.Delay(delay, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Source} change feed disconnected ({Status}); reconnecting in {Milliseconds} ms")]
    private static partial void LogDisconnected(ILogger logger, string source, StatusCode status, double milliseconds);
}
