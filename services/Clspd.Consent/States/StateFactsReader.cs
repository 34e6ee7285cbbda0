using Clspd.Consent.Store;
using Clspd.ServiceDefaults.Data;

namespace Clspd.Consent.States;

/// <summary>
/// Reads the facts a consent state is evaluated from (GetConsentState), on one session: the feed's
/// revision first, then the facts, unless the <see cref="StateFactsCache"/> kept them at that revision.
/// </summary>
public sealed class StateFactsReader(ConsentStore store, SubjectStore subjects, StateFactsCache cache)
{
    public async Task<StateFacts> ReadAsync(StoreSession s, string subjectRef, int purpose, string groupId)
    {
        var revision = await store.CurrentRevisionAsync(s);
        if (cache.TryGet(revision, subjectRef, purpose, groupId, out var held))
        {
            return held;
        }

        var facts = await store.StateFactsAsync(s, subjects, subjectRef, purpose, groupId, revision);
        cache.Put(subjectRef, purpose, groupId, facts);
        return facts;
    }
}
