using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Clspd.Access.Domain;

/// <summary>
/// ACC-4: the hash chain of the audit trail, and the one definition of what an entry's hash
/// covers. The hashed content of an entry is <see cref="Prefix"/> and its <see cref="Fields"/> in
/// order, as UTF-8 text separated by line feeds (integers in decimal, the instant in UTC with seven
/// fraction digits), ending with the previous entry's hash; the entry's hash is the SHA-256 of
/// that content in lowercase hexadecimal. So altering, removing or reordering any entry breaks
/// every hash after it. The fast paths (Store/FastPath) produce the same bytes: the page reader
/// has SQLite compose the content from <see cref="Fields"/>, and the page and appender are tested
/// against <see cref="Content"/>.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The first line of every entry's content: the version of this definition.</summary>
    public const string Prefix = "clspd.access.audit.v1";

    /// <summary>How the instant of a decision is written in the content.</summary>
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>
    /// The hashed fields of an entry, in the order of its content (after <see cref="Prefix"/>),
    /// named as <see cref="AuditRecord"/> names them. The content ends with the previous hash.
    /// </summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        nameof(AuditRecord.Seq), nameof(AuditRecord.DecisionId), nameof(AuditRecord.DecidedAt), nameof(AuditRecord.Principal), nameof(AuditRecord.Role),
        nameof(AuditRecord.Action), nameof(AuditRecord.CaseId), nameof(AuditRecord.SubjectRef), nameof(AuditRecord.CouncilId), nameof(AuditRecord.GroupId),
        nameof(AuditRecord.ViewKind), nameof(AuditRecord.Outcome), nameof(AuditRecord.RuleIds), nameof(AuditRecord.Reason), nameof(AuditRecord.PrevHash),
    ];

    /// <summary>The text an entry's hash covers: <see cref="Prefix"/>, then each of <see cref="Fields"/> (<see cref="Text"/>), one per line.</summary>
    public static string Content(AuditRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var lines = new string[Fields.Count + 1];
        lines[0] = Prefix;
        for (var i = 0; i < Fields.Count; i++)
        {
            lines[i + 1] = Text(e, Fields[i]);
        }

        return string.Join('\n', lines);
    }

    /// <summary>One hashed field as the content writes it: integers in decimal, the instant in UTC with seven fraction digits, text as it is.</summary>
    public static string Text(AuditRecord e, string field)
    {
        ArgumentNullException.ThrowIfNull(e);
        return field switch
        {
            nameof(AuditRecord.Seq) => Number(e.Seq),
            nameof(AuditRecord.DecisionId) => e.DecisionId,
            nameof(AuditRecord.DecidedAt) => e.DecidedAt.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture),
            nameof(AuditRecord.Principal) => e.Principal,
            nameof(AuditRecord.Role) => Number(e.Role),
            nameof(AuditRecord.Action) => Number(e.Action),
            nameof(AuditRecord.CaseId) => e.CaseId,
            nameof(AuditRecord.SubjectRef) => e.SubjectRef,
            nameof(AuditRecord.CouncilId) => e.CouncilId,
            nameof(AuditRecord.GroupId) => e.GroupId,
            nameof(AuditRecord.ViewKind) => Number(e.ViewKind),
            nameof(AuditRecord.Outcome) => Number(e.Outcome),
            nameof(AuditRecord.RuleIds) => e.RuleIds,
            nameof(AuditRecord.Reason) => e.Reason,
            nameof(AuditRecord.PrevHash) => e.PrevHash,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a hashed field of an audit entry"),
        };
    }

    /// <summary>The entry's hash: the SHA-256 of its content (UTF-8), in lowercase hexadecimal.</summary>
    public static string Hash(AuditRecord e) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Content(e))));

    /// <summary>Whether the entry's stored hash is the hash of its content.</summary>
    public static bool Matches(AuditRecord e) => string.Equals(Hash(e), e.EntryHash, StringComparison.Ordinal);

    /// <summary>
    /// Links entries after the tip (<paramref name="tipSequence"/>, <paramref name="tipHash"/>):
    /// sets each one's sequence number, previous hash and hash, in order.
    /// </summary>
    public static void Link(IReadOnlyList<AuditRecord> entries, long tipSequence, string tipHash)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var previous = tipHash;
        foreach (var entry in entries)
        {
            entry.Seq = ++tipSequence;
            entry.PrevHash = previous;
            entry.EntryHash = Hash(entry);
            previous = entry.EntryHash;
        }
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
