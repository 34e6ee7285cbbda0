using System.Text;
using Clspd.Access.Domain;
using Clspd.Access.Store.FastPath;

namespace Clspd.Access.Tests.Store.FastPath;

/// <summary>The page's bytes and the appender's hash are those of the reference definition (<see cref="AuditChain"/>).</summary>
public sealed class AuditPageTests
{
    public static TheoryData<string> Entries => ["plain", "unicode", "empty", "offset", "large"];

    private static AuditRecord Entry(string kind) => kind switch
    {
        "plain" => new AuditRecord
        {
            Seq = 1, DecisionId = "d-1", DecidedAt = new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567), Principal = "p-1",
            Role = 3, Action = 1, CaseId = "c-1", SubjectRef = "S-1", CouncilId = "k-1", GroupId = "g-1", ViewKind = 1, Outcome = 1,
            RuleIds = "ACC-1", Reason = "allowed", PrevHash = AuditChain.Genesis,
        },
        "unicode" => new AuditRecord
        {
            Seq = 42, DecisionId = "d-é", DecidedAt = DateTimeOffset.UnixEpoch, Principal = "agent — équipe ☃ 𝄞", Reason = "désigné\nvue pseudonyme",
            RuleIds = "ACC-1,ACC-3", PrevHash = new string('a', 64),
        },
        "empty" => new AuditRecord(),
        "offset" => new AuditRecord { Seq = 7, DecidedAt = new DateTimeOffset(2026, 11, 29, 11, 0, 3, TimeSpan.FromHours(1)).AddTicks(3_702), PrevHash = "x" },
        _ => new AuditRecord
        {
            Seq = long.MaxValue, Role = int.MinValue, Action = int.MaxValue, ViewKind = -1, Outcome = 99, Reason = new string('r', 2_000),
            DecidedAt = DateTimeOffset.MaxValue, PrevHash = AuditChain.Genesis,
        },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void Add_Record_SameBytesAsTheReferenceContent_ACC_4(string kind)
    {
        var entry = Entry(kind);
        entry.EntryHash = AuditChain.Hash(entry);
        var page = new AuditPage(1);

        page.Add(entry);

        Assert.Equal(Encoding.UTF8.GetBytes(AuditChain.Content(entry)), page.Content(0).ToArray());
        Assert.Equal(Encoding.UTF8.GetBytes(entry.PrevHash), page.PrevHash(0).ToArray());
        Assert.True(page.ContentMatches(0));
    }

    [Theory]
    [MemberData(nameof(Entries))]
    public void Hash_Record_SameAsTheReference_ACC_4(string kind)
    {
        var entry = Entry(kind);

        Assert.Equal(AuditChain.Hash(entry), AuditPage.Hash(entry));
    }
}
