using Clspd.Access.Domain;
using Clspd.Access.V1;

namespace Clspd.Access.Tests.Domain;

public sealed class AuditVerifierTests
{
    private static List<AuditRecord> Chain(int count)
    {
        var entries = new List<AuditRecord>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var e = new AuditRecord
            {
                Seq = i, DecisionId = "d" + i, DecidedAt = new DateTimeOffset(2026, 11, 29, 10, 0, i, TimeSpan.Zero), Principal = "p",
                CaseId = "c", SubjectRef = "s", CouncilId = "k", GroupId = "g", Outcome = 1, RuleIds = "ACC-1", Reason = "r" + i, PrevHash = previous,
            };
            e.EntryHash = AuditChain.Hash(e);
            previous = e.EntryHash;
            entries.Add(e);
        }

        return entries;
    }

    private static (long, AuditProblem)? Verify(IEnumerable<AuditRecord> entries)
    {
        var verifier = new AuditVerifier();
        foreach (var e in entries)
        {
            if (verifier.Next(e) is { } bad)
            {
                return (bad.Sequence, bad.Problem);
            }
        }

        return null;
    }

    [Fact]
    public void Next_IntactChain_NoProblem_ACC_4() => Assert.Null(Verify(Chain(10)));

    [Fact]
    public void Next_ContentChanged_Altered_ACC_4()
    {
        var chain = Chain(10);
        chain[6] = new AuditRecord
        {
            Seq = 7, DecisionId = chain[6].DecisionId, DecidedAt = chain[6].DecidedAt, Principal = "someone else", CaseId = "c", SubjectRef = "s",
            CouncilId = "k", GroupId = "g", Outcome = 1, RuleIds = "ACC-1", Reason = chain[6].Reason, PrevHash = chain[6].PrevHash, EntryHash = chain[6].EntryHash,
        };
        Assert.Equal((7L, AuditProblem.Altered), Verify(chain));
    }

    [Fact]
    public void Next_EntryRemoved_Missing_ACC_4()
    {
        var chain = Chain(10);
        chain.RemoveAt(4);
        Assert.Equal((5L, AuditProblem.Missing), Verify(chain));
    }

    [Fact]
    public void Next_LastEntryRemoved_NotDetectableWithoutWitness_HeadHashChanges_ACC_4()
    {
        var full = new AuditVerifier();
        Chain(10).ForEach(e => full.Next(e));
        var truncated = new AuditVerifier();
        Chain(10).Take(9).ToList().ForEach(e => truncated.Next(e));
        Assert.NotEqual(full.HeadHash, truncated.HeadHash);
    }

    [Fact]
    public void Next_TwoEntriesSwapped_Reordered_ACC_4()
    {
        var chain = Chain(10);
        (chain[2], chain[3]) = (chain[3], chain[2]);
        chain[2].Seq = 3;
        chain[3].Seq = 4;
        Assert.Equal((3L, AuditProblem.Reordered), Verify(chain));
    }
}
