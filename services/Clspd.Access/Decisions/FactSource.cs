using Clspd.Access.Domain;
using Clspd.Access.Facts;
using Clspd.Access.Peers;
using Clspd.Consent.V1;
using Microsoft.Extensions.Options;

namespace Clspd.Access.Decisions;

/// <summary>
/// Gathers the facts of a decision: from the local views when they are fresh enough for the
/// revisions the caller has seen, else from the registry and consent services directly. A source
/// that does not answer, or stays older than the revision the caller has seen, fails closed (ACC-7).
/// </summary>
public sealed class FactSource(RegistryPeer registry, ConsentPeer consent, RegistryView registryView, ConsentCache consentCache, IOptions<AccessOptions> options)
{
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

        var (participant, inForce) = await registry.DesignationsAsync(principal, at, minRevision, ct);
        // The registry lists the designations in force; the view adds those that had ended, so that a
        // deny can say which ended and how (REG-5), whichever source answered.
        return (participant, [.. inForce, .. registryView.Ended(principal, at)], false);
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

        var (informed, state, revision) = await consent.StateAsync(subjectRef, purpose, groupId, at, minRevision, ct);
        if (useCache)
        {
            consentCache.Put(subjectRef, purpose, groupId, informed, state, revision);
        }

        return (informed, state);
    }
}
