using Clspd.Access.Diagnostics;
using Clspd.Access.Facts;
using Clspd.Registry.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Clspd.Access.Peers;

/// <summary>Follows the registry's change feed into the <see cref="RegistryView"/>, rebuilt from the start at every process start.</summary>
public sealed class RegistryFeed(RegistryView view, RegistryService.RegistryServiceClient registry, IOptions<AccessOptions> options, AccessMetrics metrics,
    ILogger<RegistryFeed> logger)
    : FeedConsumer("registry", view.Feed, options, metrics, logger)
{
    protected override async Task FollowAsync(long fromRevision, CancellationToken ct)
    {
        using var call = registry.Watch(new WatchRequest { FromRevision = fromRevision }, cancellationToken: ct);
        await foreach (var change in call.ResponseStream.ReadAllAsync(ct))
        {
            view.Apply(change);
        }
    }
}
