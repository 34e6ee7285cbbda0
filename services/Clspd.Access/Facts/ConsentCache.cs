using Clspd.Consent.V1;

namespace Clspd.Access.Facts;

/// <summary>
/// Consent states read from the consent service — per person, purpose (NAMED_DISCUSSION per group,
/// PROGRAMME_ENROLMENT for the person) — reused until the consent change feed reports a change for
/// that person (or the entry ages out). An entry is only stored when it is at least as fresh as the
/// feed, so an invalidation can never be overtaken by an older answer.
/// </summary>
public sealed class ConsentCache(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Subject, Purpose Purpose, string Group), Entry> _entries = new();

    private sealed record Entry(bool Informed, ConsentState State, long Revision, DateTimeOffset FetchedAt);

    public FeedState Feed { get; } = new(time);

    public bool TryGet(string subjectRef, Purpose purpose, string groupId, long minRevision, TimeSpan maxAge, out (bool Informed, ConsentState State) state)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue((subjectRef, purpose, groupId), out var e) && e.Revision >= minRevision && time.GetUtcNow() - e.FetchedAt <= maxAge)
            {
                state = (e.Informed, e.State);
                return true;
            }
        }

        state = default;
        return false;
    }

    public void Put(string subjectRef, Purpose purpose, string groupId, bool informed, ConsentState state, long revision)
    {
        lock (_gate)
        {
            if (revision >= Feed.Revision)
            {
                _entries[(subjectRef, purpose, groupId)] = new Entry(informed, state, revision, time.GetUtcNow());
            }
        }
    }

    /// <summary>A change for a person was committed at <paramref name="revision"/>: forget what was read about them, every purpose.</summary>
    public void Invalidate(string? subjectRef, long revision)
    {
        lock (_gate)
        {
            if (subjectRef is null)
            {
                _entries.Clear();
            }
            else
            {
                foreach (var key in _entries.Keys.Where(k => k.Subject == subjectRef).ToList())
                {
                    _entries.Remove(key);
                }
            }

            // Advance under the same lock as Put, so no older answer is stored after this.
            Feed.Advanced(revision, caughtUp: false);
        }
    }

    public void Heartbeat(long revision) => Feed.Advanced(revision, caughtUp: true);
}
