using System.Globalization;
using System.Text;

namespace Clspd.Access.Domain;

/// <summary>
/// ACC-4: a checkpoint of the audit trail, as certificate-transparency logs sign their tree heads:
/// the access service states, with a key kept outside the database, that entry
/// <see cref="Sequence"/> has hash <see cref="HeadHash"/>. A writer of the database can recompute
/// every hash of a rewritten chain, but not this signature.
/// </summary>
public sealed record SignedCheckpoint(long Sequence, string HeadHash, DateTimeOffset SignedAt, string KeyId, byte[] Signature)
{
    /// <summary>The text signed: a fixed prefix, then the fields in order, separated by line feeds (UTF-8).</summary>
    public static byte[] Content(long sequence, string headHash, DateTimeOffset signedAt, string keyId) => Encoding.UTF8.GetBytes(string.Join('\n',
        "clspd.access.audit-checkpoint.v1", sequence.ToString(CultureInfo.InvariantCulture), headHash,
        signedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), keyId));

    /// <summary>The text this checkpoint's signature covers.</summary>
    public byte[] Content() => Content(Sequence, HeadHash, SignedAt, KeyId);

    /// <summary>Whether the trail's stored hash at <see cref="Sequence"/> is the one signed (null: the trail has no such entry).</summary>
    public bool Matches(string? storedHash) => storedHash is not null && string.Equals(storedHash, HeadHash, StringComparison.OrdinalIgnoreCase);
}
