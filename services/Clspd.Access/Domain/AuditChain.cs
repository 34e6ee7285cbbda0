using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Clspd.Access.Domain;

/// <summary>
/// ACC-4: the hash chain of the audit trail, and the one definition of what an entry's hash
/// covers. The hashed content of an entry is its fields in the order of <see cref="Content"/>,
/// as UTF-8 text separated by line feeds (integers in decimal, the instant in UTC with seven
/// fraction digits), ending with the previous entry's hash; the entry's hash is the SHA-256 of
/// that content in lowercase hexadecimal. So altering, removing or reordering any entry breaks
/// every hash after it. The fast paths (Store/FastPath) produce the same bytes, as their tests
/// check against this definition.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>The first line of every entry's content: the version of this definition.</summary>
    public const string Prefix = "clspd.access.audit.v1";

    /// <summary>How the instant of a decision is written in the content.</summary>
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The text an entry's hash covers.</summary>
    public static string Content(AuditRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return string.Join('\n',
            Prefix, Number(e.Seq), e.DecisionId, e.DecidedAt.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture), e.Principal,
            Number(e.Role), Number(e.Action), e.CaseId, e.SubjectRef, e.CouncilId, e.GroupId, Number(e.ViewKind), Number(e.Outcome),
            e.RuleIds, e.Reason, e.PrevHash);
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
