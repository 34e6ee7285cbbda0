using System.Security.Cryptography;

namespace Clspd.Access.Domain;

/// <summary>
/// ACC-4: the hash chain of the audit trail. Each entry's hash is the SHA-256 of its canonical
/// content — its fields in a fixed order, UTF-8, separated by line feeds, ending with the previous
/// entry's hash (written by <see cref="AuditPage"/>) — so that altering, removing or reordering
/// any entry breaks every hash after it. The content is hashed in one call from one buffer.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    [ThreadStatic]
    private static AuditPage? t_page;

    public static string Hash(AuditRecord e)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Single(e).Content(0), hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Whether the entry's stored hash matches its content.</summary>
    public static bool Matches(AuditRecord e) => Single(e).ContentMatches(0);

    /// <summary>
    /// Whether <paramref name="storedHash"/> (UTF-8, as stored) is the SHA-256 of
    /// <paramref name="content"/> in lowercase hexadecimal, the only form the chain writes.
    /// </summary>
    public static bool Matches(ReadOnlySpan<byte> content, ReadOnlySpan<byte> storedHash)
    {
        if (storedHash.Length != 64)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(content, hash);
        Span<byte> hex = stackalloc byte[64];
        Convert.TryToHexStringLower(hash, hex, out _);
        return hex.SequenceEqual(storedHash);
    }

    private static AuditPage Single(AuditRecord e)
    {
        var page = t_page ??= new AuditPage(1);
        page.Clear();
        page.Add(e);
        return page;
    }
}
