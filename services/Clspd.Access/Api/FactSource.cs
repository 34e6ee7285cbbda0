using Clspd.Access.Domain;
using Clspd.Consent.V1;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Access.Api;

/// <summary>
/// Gathers the facts of a decision from the registry and consent services. A source that does not
/// answer, or stays older than the revision the caller has seen, fails closed (ACC-7).
/// </summary>
public sealed class FactSource(RegistryService.RegistryServiceClient registry, ConsentService.ConsentServiceClient consent)
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FreshnessWait = TimeSpan.FromSeconds(2);

    public async Task<(bool Known, IReadOnlyList<DesignationFact> Designations)> DesignationsAsync(string principal, DateTimeOffset at, long minRevision, CancellationToken ct)
    {
        var reply = await FreshAsync("registry", minRevision, r => r.Revision,
            () => registry.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest { Subject = principal, At = at.ToTimestamp() },
                deadline: DateTime.UtcNow + CallTimeout, cancellationToken: ct).ResponseAsync, ct);
        var facts = reply.Designations.Select(d => new DesignationFact(
            d.Role, d.CouncilId, d.GroupId, d.InstitutionKind, d.CaseRef, d.ValidFrom.ToDateTimeOffset(), d.ValidTo.ToDateTimeOffset(),
            d.RevokedAt?.ToDateTimeOffset())).ToList();
        return (reply.Participant is not null, facts);
    }

    public async Task<(bool Informed, bool Permitted)> NamedDiscussionAsync(string subjectRef, string groupId, DateTimeOffset at, long minRevision, CancellationToken ct)
    {
        var reply = await FreshAsync("consent", minRevision, r => r.Revision,
            () => consent.GetConsentStateAsync(new GetConsentStateRequest
            {
                SubjectRef = subjectRef, Purpose = Purpose.NamedDiscussion, GroupId = groupId, At = at.ToTimestamp(),
            }, deadline: DateTime.UtcNow + CallTimeout, cancellationToken: ct).ResponseAsync, ct);
        return (reply.Informed, reply.State == ConsentState.Permitted);
    }

    private static async Task<T> FreshAsync<T>(string source, long minRevision, Func<T, long> revisionOf, Func<Task<T>> call, CancellationToken ct)
    {
        var giveUpAt = DateTime.UtcNow + FreshnessWait;
        while (true)
        {
            T reply;
            try
            {
                reply = await call();
            }
            catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !ct.IsCancellationRequested)
            {
                throw new UnavailableException($"ACC-7: the {source} service cannot be reached ({ex.StatusCode}); access is denied until it answers", ex);
            }

            if (revisionOf(reply) >= minRevision)
            {
                return reply;
            }

            if (DateTime.UtcNow >= giveUpAt)
            {
                throw new UnavailableException($"ACC-7: the {source} facts are older than revision {minRevision} you have seen; access is denied until they catch up");
            }

            await Task.Delay(50, ct);
        }
    }
}
