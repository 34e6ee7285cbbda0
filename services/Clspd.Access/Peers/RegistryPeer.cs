using Clspd.Access.Domain;
using Clspd.Access.Facts;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Clspd.Access.Peers;

/// <summary>The registry service, asked directly for a principal's designations in force (ACC-7 when it cannot answer fresh enough).</summary>
public sealed class RegistryPeer(RegistryService.RegistryServiceClient registry, IOptions<AccessOptions> options, IOptions<PeerOptions> peers)
{
    private TimeSpan CallTimeout => peers.Value.CallTimeout(TimeSpan.FromSeconds(2));

    /// <summary>Whether the principal is a participant, and their designations in force at the instant.</summary>
    public async Task<(bool Known, IReadOnlyList<DesignationFact> Designations)> DesignationsAsync(string principal, DateTimeOffset at, long minRevision, CancellationToken ct)
    {
        var reply = await FreshCall.RunAsync("registry", minRevision, TimeSpan.FromMilliseconds(options.Value.FreshnessWaitMilliseconds), r => r.Revision,
            () => registry.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest { Subject = principal, At = at.ToTimestamp() },
                deadline: DateTime.UtcNow + CallTimeout, cancellationToken: ct).ResponseAsync, ct);
        return (reply.Participant is not null, [.. reply.Designations.Select(DesignationFacts.From)]);
    }
}
