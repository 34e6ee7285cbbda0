using Clspd.Consent.Store;

namespace Clspd.Consent.States;

/// <summary>
/// The facts of consent states (<see cref="StateFacts"/>) last read, kept while the change feed's
/// revision has not moved. Every write of a subject, an informing or a decision appends a change in
/// its own transaction, which moves the revision, so facts read at revision R are the facts of any
/// later lookup that still reads R: such a lookup needs one statement instead of six. A lookup that
/// reads a newer revision misses and reads everything again, and the first facts stored at a newer
/// revision empty the cache. The state itself is always evaluated again, at the instant asked.
/// Bounded: when <see cref="Capacity"/> entries are held, the next one empties it first; with a
/// capacity of 0 nothing is kept and every lookup reads its facts.
/// </summary>
public sealed class StateFactsCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Subject, int Purpose, string Group), StateFacts> _entries = [];
    private long _revision = -1;

    public int Capacity { get; } = capacity >= 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be 0 (keep nothing) or more");

    /// <summary>The facts held for this subject, purpose and group, if they were read at <paramref name="revision"/>.</summary>
    public bool TryGet(long revision, string subjectRef, int purpose, string groupId, out StateFacts facts)
    {
        lock (_gate)
        {
            if (revision == _revision && _entries.TryGetValue((subjectRef, purpose, groupId), out var held))
            {
                facts = held;
                return true;
            }
        }

        facts = null!;
        return false;
    }

    /// <summary>Keeps facts read at their revision; facts older than those held are not kept.</summary>
    public void Put(string subjectRef, int purpose, string groupId, StateFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (Capacity == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (facts.Revision > _revision)
            {
                _entries.Clear();
                _revision = facts.Revision;
            }
            else if (facts.Revision < _revision)
            {
                return;
            }

            if (_entries.Count >= Capacity && !_entries.ContainsKey((subjectRef, purpose, groupId)))
            {
                _entries.Clear();
            }

            _entries[(subjectRef, purpose, groupId)] = facts;
        }
    }

    /// <summary>Entries held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }
}
