using Clspd.Access.Diagnostics;
using Clspd.Access.Facts;
using Clspd.Consent.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Clspd.Access.Peers;

/// <summary>
/// Follows the consent change feed to invalidate the <see cref="ConsentCache"/>: any informing,
/// decision (NAMED_DISCUSSION, PROGRAMME_ENROLMENT or DATA_PROCESSING, withdrawals included) or
/// registration of a person forgets every purpose cached for them.
/// </summary>
public sealed class ConsentFeed(ConsentCache cache, ConsentService.ConsentServiceClient consent, IOptions<AccessOptions> options, AccessMetrics metrics,
    ILogger<ConsentFeed> logger)
    : FeedConsumer("consent", cache.Feed, options, metrics, logger)
{
    protected override async Task FollowAsync(long fromRevision, CancellationToken ct)
    {
        using var call = consent.Watch(new WatchRequest { FromRevision = fromRevision }, cancellationToken: ct);
        await foreach (var change in call.ResponseStream.ReadAllAsync(ct))
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
                case WatchResponse.ChangeOneofCase.Subject:
                    cache.Invalidate(change.Subject.SubjectRef, change.Revision);
                    break;
                default:
                    // A kind of change this version does not know: forget everything.
                    cache.Invalidate(null, change.Revision);
                    break;
            }
        }
    }
}
