using Clspd.Access.Domain;
using Clspd.Access.Store.FastPath;
using Clspd.Access.V1;

namespace Clspd.Access.Tests.Store.FastPath;

/// <summary>The page verifier (fast path) names the same entry and problem as the reference verifier, whatever its parallelism.</summary>
public sealed class AuditPageVerifierTests
{
    private static List<AuditRecord> Chain(int count)
    {
        var entries = new List<AuditRecord>();
        var previous = AuditChain.Genesis;
        for (var i = 1; i <= count; i++)
        {
            var e = new AuditRecord
            {
                Seq = i, DecisionId = "d" + i, DecidedAt = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero).AddTicks(i * 7_919L), Principal = "p" + (i % 7),
                Role = 3, Action = 1, CaseId = "c" + (i % 11), SubjectRef = "s", CouncilId = "k", GroupId = i % 5 == 0 ? "" : "g", ViewKind = 1,
                Outcome = 1 + (i % 2), RuleIds = "ACC-1", Reason = "désigné " + i, PrevHash = previous,
            };
            e.EntryHash = AuditChain.Hash(e);
            previous = e.EntryHash;
            entries.Add(e);
        }

        return entries;
    }

    private static AuditPage PageOf(IEnumerable<AuditRecord> entries)
    {
        var page = new AuditPage();
        foreach (var e in entries)
        {
            page.Add(e);
        }

        return page;
    }

    private static void Alter(List<AuditRecord> chain, int seq)
    {
        var e = chain[seq - 1];
        chain[seq - 1] = new AuditRecord
        {
            Seq = e.Seq, DecisionId = e.DecisionId, DecidedAt = e.DecidedAt, Principal = e.Principal, Role = e.Role, Action = e.Action,
            CaseId = e.CaseId, SubjectRef = e.SubjectRef, CouncilId = e.CouncilId, GroupId = e.GroupId, ViewKind = e.ViewKind,
            Outcome = e.Outcome == 1 ? 2 : 1, RuleIds = e.RuleIds, Reason = e.Reason, PrevHash = e.PrevHash, EntryHash = e.EntryHash,
        };
    }

    private static (long, AuditProblem)? OneByOne(IEnumerable<AuditRecord> entries)
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

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void NextPage_IntactChain_AllCheckedWithTheLastHashAsHead_ACC_4(int parallelism)
    {
        var chain = Chain(1_000);
        var verifier = new AuditPageVerifier(parallelism: parallelism);

        Assert.Null(verifier.Next(PageOf(chain), 1_000));
        Assert.Equal((1_000L, 1_000L, chain[^1].EntryHash), (verifier.Checked, verifier.LastSequence, verifier.HeadHash));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void NextPage_AlteredInTheSecondSliceAndLater_TheEarlierNamed_ACC_4(int parallelism)
    {
        // 1,000 entries on 4 threads: slices of 67 entries; 120 is in the second, 900 in the fourteenth.
        var chain = Chain(1_000);
        Alter(chain, 900);
        Alter(chain, 120);
        var verifier = new AuditPageVerifier(parallelism: parallelism);

        var bad = verifier.Next(PageOf(chain), 1_000);

        Assert.Equal((120L, AuditProblem.Altered), (bad?.Sequence, bad?.Problem));
        Assert.Equal((119L, 119L, chain[118].EntryHash), (verifier.Checked, verifier.LastSequence, verifier.HeadHash));
    }

    [Theory]
    [InlineData("missing 300, altered 800", 300, AuditProblem.Missing)]
    [InlineData("altered 700, missing 800", 700, AuditProblem.Altered)]
    [InlineData("swapped 500 and 501, altered 950", 500, AuditProblem.Reordered)]
    [InlineData("altered 64 and 65", 64, AuditProblem.Altered)]
    [InlineData("altered 1000", 1000, AuditProblem.Altered)]
    public void NextPage_Tampered_SameFirstProblemOnEveryThreadCountAsOneByOne_ACC_4(string tampering, long firstBad, AuditProblem problem)
    {
        var chain = Chain(1_000);
        switch (tampering)
        {
            case "missing 300, altered 800":
                Alter(chain, 800);
                chain.RemoveAt(299);
                break;
            case "altered 700, missing 800":
                Alter(chain, 700);
                chain.RemoveAt(799);
                break;
            case "swapped 500 and 501, altered 950":
                Alter(chain, 950);
                (chain[499], chain[500]) = (chain[500], chain[499]);
                chain[499].Seq = 500;
                chain[500].Seq = 501;
                break;
            case "altered 64 and 65":
                Alter(chain, 65);
                Alter(chain, 64);
                break;
            default:
                Alter(chain, 1_000);
                break;
        }

        Assert.Equal((firstBad, problem), OneByOne(chain));
        foreach (var parallelism in new[] { 1, 2, 3, 4, 8 })
        {
            var bad = new AuditPageVerifier(parallelism: parallelism).Next(PageOf(chain), chain.Count);
            Assert.Equal((firstBad, problem), (bad?.Sequence, bad?.Problem));
        }
    }

    [Fact]
    public void NextPage_CountBelowThePage_OnlyThoseChecked_ACC_4()
    {
        var chain = Chain(300);
        Alter(chain, 200);
        var verifier = new AuditPageVerifier(parallelism: 2);

        Assert.Null(verifier.Next(PageOf(chain), 150));
        Assert.Equal((150L, chain[149].EntryHash), (verifier.Checked, verifier.HeadHash));
    }

    [Fact]
    public void NextPage_PageAfterPage_OneChainAcrossThem_ACC_4()
    {
        var chain = Chain(700);
        var verifier = new AuditPageVerifier(parallelism: 2);

        Assert.Null(verifier.Next(PageOf(chain.Take(300)), 300));
        Assert.Null(verifier.Next(PageOf(chain.Skip(300)), 400));
        Assert.Equal((700L, chain[^1].EntryHash), (verifier.Checked, verifier.HeadHash));
    }

    [Fact]
    public void NextPage_StepAfterAVerifiedEntry_ContinuesFromItsHash_ACC_4()
    {
        var chain = Chain(400);
        var verifier = new AuditPageVerifier(250, chain[249].EntryHash, parallelism: 2);

        Assert.Null(verifier.Next(PageOf(chain.Skip(250)), 150));
        Assert.Equal((150L, 400L), (verifier.Checked, verifier.LastSequence));
    }

    [Fact]
    public void Add_Record_ContentIsTheCanonicalLinesAndStoredHashes_ACC_4()
    {
        var e = Chain(1)[0];

        var page = PageOf([e]);

        var canonical = string.Join('\n', "clspd.access.audit.v1", "1", "d1", "2026-11-29T10:00:00.0007919Z", "p1", "3", "1", "c1", "s", "k", "g", "1", "2",
            "ACC-1", "désigné 1", AuditChain.Genesis);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(canonical), page.Content(0).ToArray());
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(AuditChain.Genesis), page.PrevHash(0).ToArray());
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(e.EntryHash), page.EntryHash(0).ToArray());
    }
}
