using Clspd.Consent.V1;
using Clspd.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Clspd.Access.Peers;

/// <summary>The consent service, asked directly for a person's informing and consent state (ACC-7 when it cannot answer fresh enough).</summary>
public sealed class ConsentPeer(ConsentService.ConsentServiceClient consent, IOptions<AccessOptions> options, IOptions<PeerOptions> peers)
{
    private TimeSpan CallTimeout => peers.Value.CallTimeout(TimeSpan.FromSeconds(2));

    /// <summary>The person's informing and consent state for the purpose (and group), with the revision it was read at.</summary>
    public async Task<(bool Informed, ConsentState State, long Revision)> StateAsync(string subjectRef, Purpose purpose, string groupId, DateTimeOffset at,
        long minRevision, CancellationToken ct)
    {
        var reply = await FreshCall.RunAsync("consent", minRevision, TimeSpan.FromMilliseconds(options.Value.FreshnessWaitMilliseconds), r => r.Revision,
            () => consent.GetConsentStateAsync(new GetConsentStateRequest
            {
                SubjectRef = subjectRef, Purpose = purpose, GroupId = groupId, At = at.ToTimestamp(),
            }, deadline: DateTime.UtcNow + CallTimeout, cancellationToken: ct).ResponseAsync, ct);
        return (reply.Informed, reply.State, reply.Revision);
    }
}
