using Clspd.Access.Domain;

namespace Clspd.Access.Tests.Domain;

public sealed class AuditChainTests
{
    private static AuditRecord Entry(string reason = "designated as member") => new()
    {
        Seq = 1, DecisionId = "d1", DecidedAt = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero), Principal = "alice",
        Role = 3, Action = 1, CaseId = "c1", SubjectRef = "S-1", CouncilId = "k1", GroupId = "g1", ViewKind = 1, Outcome = 1,
        RuleIds = "ACC-1", Reason = reason, PrevHash = AuditChain.Genesis,
    };

    [Fact]
    public void Hash_SameContent_SameHash_ACC_4()
    {
        Assert.Equal(AuditChain.Hash(Entry()), AuditChain.Hash(Entry()));
        Assert.Equal(64, AuditChain.Hash(Entry()).Length);
    }

    [Fact]
    public void Hash_AnyFieldChanged_DifferentHash_ACC_4()
    {
        var original = AuditChain.Hash(Entry());
        Assert.NotEqual(original, AuditChain.Hash(Entry("designated as member!")));
        var moved = Entry();
        moved.Seq = 2;
        Assert.NotEqual(original, AuditChain.Hash(moved));
        var relinked = Entry();
        relinked.PrevHash = new string('1', 64);
        Assert.NotEqual(original, AuditChain.Hash(relinked));
    }
}
