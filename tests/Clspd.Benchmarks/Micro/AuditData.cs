extern alias access;
using access::Clspd.Access.Domain;

namespace Clspd.Benchmarks.Micro;

/// <summary>Realistic audit entries (ids and codes, no names), and valid chains of them.</summary>
public static class AuditData
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    // A commune at scale 1: 5,000 participants, 200 groups, 100,000 persons (one case each); ids as
    // the services make them, so that each entry's keys land at random places in their indexes.
    private static readonly string[] Participants = Ids(5_000, 1);
    private static readonly string[] Groups = Ids(200, 2);
    private static readonly string[] Cases = Ids(100_000, 3);
    private static readonly string[] Subjects = Ids(100_000, 4);

    private static string[] Ids(int count, int seed)
    {
        var random = new Random(seed);
        Span<byte> bytes = stackalloc byte[16];
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            ids[i] = new Guid(bytes).ToString();
        }

        return ids;
    }

    /// <summary>Entries of accesses spread over the commune: each one to a case drawn at random, by a participant drawn at random.</summary>
    // Instants grow from one call to the next, as decisions' instants do: the council index (council, instant) grows at its right edge.
    private static long s_issued;

    public static List<AuditRecord> Entries(int count)
    {
        var random = Random.Shared;
        var first = Interlocked.Add(ref s_issued, count) - count;
        var entries = new List<AuditRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var person = random.Next(Cases.Length);
            entries.Add(new AuditRecord
            {
                DecisionId = Guid.CreateVersion7().ToString(), DecidedAt = Start.AddMilliseconds((first + i) * 37), Principal = Participants[random.Next(Participants.Length)],
                Role = 3, Action = 1, CaseId = Cases[person], SubjectRef = Subjects[person], CouncilId = "council-1",
                GroupId = Groups[person % Groups.Length], ViewKind = 1, Outcome = i % 10 == 0 ? 2 : 1, RuleIds = "ACC-1,REC-6",
                Reason = "designated as member of the case's group: pseudonymous view of the case",
            });
        }

        return entries;
    }

    public static List<AuditRecord> Chain(int count)
    {
        var entries = Entries(count);
        var previous = AuditChain.Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            entries[i].Seq = i + 1;
            entries[i].PrevHash = previous;
            entries[i].EntryHash = AuditChain.Hash(entries[i]);
            previous = entries[i].EntryHash;
        }

        return entries;
    }
}
