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
    public void Hash_IsSha256OfTheCanonicalLines_ACC_4()
    {
        var e = Entry("désigné — vue pseudonyme");
        var canonical = string.Join('\n', "clspd.access.audit.v1", "1", "d1", "2026-11-29T10:00:00.0000000Z", "alice", "3", "1",
            "c1", "S-1", "k1", "g1", "1", "1", "ACC-1", "désigné — vue pseudonyme", AuditChain.Genesis);
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));

        Assert.Equal(expected, AuditChain.Hash(e));
        e.EntryHash = expected;
        Assert.True(AuditChain.Matches(e));
        e.EntryHash = expected[..63] + (expected[63] == '0' ? '1' : '0');
        Assert.False(AuditChain.Matches(e));
    }

    [Theory]
    [InlineData("designated as member", "c5dee6f23ee6e55e3b4526fa9ef7aa129a99cf3fa8d85a2a9edefe9115f84987")]
    [InlineData("désigné — vue pseudonyme", "d5ce4b5885d483b00674aa5fee9b79fca8ac89443a40738242f75a51136a8992")]
    public void Hash_KnownEntry_KnownValue_ACC_4(string reason, string expected)
    {
        // Values pinned once from the canonical lines: entries already stored must keep verifying.
        var e = Entry(reason);

        Assert.Equal(expected, AuditChain.Hash(e));
        e.EntryHash = expected;
        Assert.True(AuditChain.Matches(e));
    }

    [Fact]
    public void Matches_StoredHashInUppercase_False_ACC_4()
    {
        var e = Entry();
        e.EntryHash = AuditChain.Hash(e).ToUpperInvariant();

        Assert.False(AuditChain.Matches(e));
    }

    [Fact]
    public void Hash_LongReason_SameAsCanonical_ACC_4()
    {
        var reason = new string('é', 2_000);
        var e = Entry(reason);
        var canonical = string.Join('\n', "clspd.access.audit.v1", "1", "d1", "2026-11-29T10:00:00.0000000Z", "alice", "3", "1",
            "c1", "S-1", "k1", "g1", "1", "1", "ACC-1", reason, AuditChain.Genesis);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical))), AuditChain.Hash(e));
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

    [Fact]
    public void Fields_EveryStoredFieldButTheEntryHash_EndingWithThePreviousHash_ACC_4()
    {
        var stored = typeof(AuditRecord).GetProperties().Select(p => p.Name).Where(n => n != nameof(AuditRecord.EntryHash));

        Assert.Equal(stored.Order(StringComparer.Ordinal), AuditChain.Fields.Order(StringComparer.Ordinal));
        Assert.Equal(nameof(AuditRecord.PrevHash), AuditChain.Fields[^1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => AuditChain.Text(Entry(), nameof(AuditRecord.EntryHash)));
    }
}
