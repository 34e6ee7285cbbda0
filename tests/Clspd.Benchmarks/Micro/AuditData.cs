extern alias access;
using access::Clspd.Access.Domain;

namespace Clspd.Benchmarks.Micro;

/// <summary>Realistic audit entries (ids and codes, no names), and valid chains of them.</summary>
public static class AuditData
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    public static List<AuditRecord> Entries(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new AuditRecord
        {
            DecisionId = Guid.CreateVersion7().ToString(), DecidedAt = Start.AddMilliseconds(i * 37), Principal = "user-" + (i % 5_000),
            Role = 3, Action = 1, CaseId = "case-" + (i % 100_000), SubjectRef = "S-" + (i % 100_000), CouncilId = "council-1",
            GroupId = "group-" + (i % 200), ViewKind = 1, Outcome = i % 10 == 0 ? 2 : 1, RuleIds = "ACC-1,REC-6",
            Reason = "designated as member of the case's group: pseudonymous view of the case",
        })];

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
