using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Clspd.Access.Domain;

/// <summary>
/// ACC-4: the hash chain of the audit trail. Each entry's hash is the SHA-256 of its canonical
/// content — its fields in a fixed order, UTF-8, separated by line feeds, ending with the previous
/// entry's hash — so that altering, removing or reordering any entry breaks every hash after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    private const string Prefix = "clspd.access.audit.v1";
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    public static string Hash(AuditRecord e)
    {
        Span<byte> hash = stackalloc byte[32];
        HashInto(e, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Whether the entry's stored hash matches its content (no allocation).</summary>
    public static bool Matches(AuditRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Span<byte> hash = stackalloc byte[32];
        HashInto(e, hash);
        Span<char> hex = stackalloc char[64];
        Convert.TryToHexStringLower(hash, hex, out _);
        return hex.SequenceEqual(e.EntryHash);
    }

    private static void HashInto(AuditRecord e, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(e);
        var sha = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<char> number = stackalloc char[32];
        Append(sha, Prefix, last: false);
        Append(sha, Format(e.Seq, number), last: false);
        Append(sha, e.DecisionId, last: false);
        e.DecidedAt.UtcDateTime.TryFormat(number, out var written, InstantFormat, CultureInfo.InvariantCulture);
        Append(sha, number[..written], last: false);
        Append(sha, e.Principal, last: false);
        Append(sha, Format(e.Role, number), last: false);
        Append(sha, Format(e.Action, number), last: false);
        Append(sha, e.CaseId, last: false);
        Append(sha, e.SubjectRef, last: false);
        Append(sha, e.CouncilId, last: false);
        Append(sha, e.GroupId, last: false);
        Append(sha, Format(e.ViewKind, number), last: false);
        Append(sha, Format(e.Outcome, number), last: false);
        Append(sha, e.RuleIds, last: false);
        Append(sha, e.Reason, last: false);
        Append(sha, e.PrevHash, last: true);
        sha.GetHashAndReset(destination);
    }

    private static ReadOnlySpan<char> Format(long value, Span<char> buffer)
    {
        value.TryFormat(buffer, out var written, provider: CultureInfo.InvariantCulture);
        return buffer[..written];
    }

    private static void Append(IncrementalHash sha, ReadOnlySpan<char> text, bool last)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length) + 1;
        byte[]? rented = null;
        var buffer = max <= 1024 ? stackalloc byte[1024] : (rented = ArrayPool<byte>.Shared.Rent(max));
        var length = Encoding.UTF8.GetBytes(text, buffer);
        if (!last)
        {
            buffer[length++] = (byte)'\n';
        }

        sha.AppendData(buffer[..length]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
