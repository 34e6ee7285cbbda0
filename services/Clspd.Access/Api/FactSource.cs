using Clspd.Access.Domain;
using Clspd.Access.Facts;
using Clspd.Consent.V1;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Clspd.Access.Api;

/// <summary>
/// Gathers the facts of a decision: from the local views when they are fresh enough for the
/// revisions the caller has seen, else from the registry and consent services directly. A source
/// that does not answer, or stays older than the revision the caller has seen, fails closed (ACC-7).
/// </summary>
public sealed class FactSource(
    RegistryService.RegistryServiceClient registry, ConsentService.ConsentServiceClient consent,
    RegistryView registryView, ConsentCache consentCache, IOptions<AccessOptions> options, IOptions<PeerOptions> peers)
{
    private TimeSpan CallTimeout => peers.Value.CallTimeout(TimeSpan.FromSeconds(2));

    private TimeSpan FreshnessWait => TimeSpan.FromMilliseconds(options.Value.FreshnessWaitMilliseconds);

    private TimeSpan Staleness => TimeSpan.FromSeconds(options.Value.FeedStalenessSeconds);

    /// <summary>The principal's designations; <c>FromView</c> tells whether the local view answered.</summary>
    public async Task<(bool Known, IReadOnlyList<DesignationFact> Designations, bool FromView)> DesignationsAsync(
        string principal, DateTimeOffset at, long minRevision, CancellationToken ct, bool authoritative = false)
    {
        if (!authoritative && options.Value.UseLocalView)
        {
            var feed = registryView.Feed;
            if (feed.Revision < minRevision)
            {
                await feed.WaitForAsync(minRevision, FreshnessWait, ct);
            }

            if (feed.Revision >= minRevision && feed.IsFresh(Staleness))
            {
                var (known, designations) = registryView.Lookup(principal);
                return (known, designations, true);
            }
        }

        var reply = await FreshAsync("registry", minRevision, r => r.Revision,
            () => registry.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest { Subject = principal, At = at.ToTimestamp() },
                deadline: DateTime.UtcNow + CallTimeout, cancellationToken: ct).ResponseAsync, ct);
        return (reply.Participant is not null, [.. reply.Designations.Select(ToFact)], false);
    }

    /// <summary>Informing (CON-2) and consent to a named discussion of the person in the group.</summary>
    public async Task<(bool Informed, bool Permitted)> NamedDiscussionAsync(string subjectRef, string groupId, DateTimeOffset at, long minRevision, CancellationToken ct)
    {
        var (informed, state) = await ConsentAsync(subjectRef, Purpose.NamedDiscussion, groupId, at, minRevision, ct);
        return (informed, state == ConsentState.Permitted);
    }

    /// <summary>Informing (CON-2) and the person's PROGRAMME_ENROLMENT consent state (ACC-3).</summary>
    public Task<(bool Informed, ConsentState State)> ProgrammeEnrolmentAsync(string subjectRef, DateTimeOffset at, long minRevision, CancellationToken ct) =>
        ConsentAsync(subjectRef, Purpose.ProgrammeEnrolment, "", at, minRevision, ct);

    private async Task<(bool Informed, ConsentState State)> ConsentAsync(string subjectRef, Purpose purpose, string groupId, DateTimeOffset at, long minRevision, CancellationToken ct)
    {
        var maxAge = TimeSpan.FromSeconds(options.Value.ConsentCacheSeconds);
        var useCache = options.Value.UseLocalView && consentCache.Feed.IsFresh(Staleness);
        if (useCache && consentCache.TryGet(subjectRef, purpose, groupId, minRevision, maxAge, out var cached))
        {
            return cached;
        }

        var reply = await FreshAsync("consent", minRevision, r => r.Revision,
            () => consent.GetConsentStateAsync(new GetConsentStateRequest
            {
                SubjectRef = subjectRef, Purpose = purpose, GroupId = groupId, At = at.ToTimestamp(),
            }, deadline: DateTime.UtcNow + CallTimeout, cancellationToken: ct).ResponseAsync, ct);
        if (useCache)
        {
            consentCache.Put(subjectRef, purpose, groupId, reply.Informed, reply.State, reply.Revision);
        }

        return (reply.Informed, reply.State);
    }

    /// <summary>A registry designation as the policy sees it, with its binding to a meeting (and its date) or a measure (REG-4).</summary>
    public static DesignationFact ToFact(Designation d) => new(
        d.Role, d.CouncilId, d.GroupId, d.InstitutionKind, d.CaseRef, d.ValidFrom.ToDateTimeOffset(), d.ValidTo.ToDateTimeOffset(), d.RevokedAt?.ToDateTimeOffset(),
        d.CharterOk, d.GroupKind, d.MeetingId, d.MeetingDate is { } day ? new DateOnly(day.Year, day.Month, day.Day) : null, d.MeasureRef);

    private async Task<T> FreshAsync<T>(string source, long minRevision, Func<T, long> revisionOf, Func<Task<T>> call, CancellationToken ct)
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
