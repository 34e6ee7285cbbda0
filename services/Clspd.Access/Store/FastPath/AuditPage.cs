using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Clspd.Access.Domain;

namespace Clspd.Access.Store.FastPath;

/// <summary>
/// ACC-4, fast path: stored audit entries held as the bytes the chain hashes, in one buffer reused
/// from page to page, for hashing many entries without a string per field. Per entry: its
/// sequence number, its content exactly as <see cref="AuditChain.Content"/> defines it (the
/// reference; tests check that both give the same bytes) and its stored entry hash. A page is
/// filled either from records (their text encoded once, as the appender hashes them) or with the
/// content SQLite composed from the stored columns (<see cref="AuditPageReader"/>).
/// </summary>
public sealed class AuditPage
{
    [ThreadStatic]
    private static AuditPage? t_single;

    // Per entry, at most: 5 numbers of 20 characters, a 28-character instant and 16 line feeds.
    private const int FixedBytes = 22 + (5 * 20) + 28 + 16;

    private static readonly byte[] s_prefix = Encoding.UTF8.GetBytes(AuditChain.Prefix);

    private const string InstantFormat = AuditChain.InstantFormat;

    private byte[] _bytes;
    private int _used;
    private long[] _seq;
    private int[] _start;
    private int[] _prev;
    private int[] _hash;
    private int[] _end;

    public AuditPage(int capacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _bytes = new byte[capacity * 512];
        _seq = new long[capacity];
        _start = new int[capacity];
        _prev = new int[capacity];
        _hash = new int[capacity];
        _end = new int[capacity];
    }

    /// <summary>The entries held.</summary>
    public int Count { get; private set; }

    /// <summary>Empties the page, keeping its buffers.</summary>
    public void Clear()
    {
        Count = 0;
        _used = 0;
    }

    public long Sequence(int index) => _seq[Checked(index)];

    /// <summary>What is hashed: the canonical content, ending with the stored previous hash.</summary>
    public ReadOnlySpan<byte> Content(int index) => _bytes.AsSpan(_start[Checked(index)], _hash[index] - _start[index]);

    /// <summary>The stored previous hash, as stored (UTF-8).</summary>
    public ReadOnlySpan<byte> PrevHash(int index) => _bytes.AsSpan(_prev[Checked(index)], _hash[index] - _prev[index]);

    /// <summary>The stored entry hash, as stored (UTF-8).</summary>
    public ReadOnlySpan<byte> EntryHash(int index) => _bytes.AsSpan(_hash[Checked(index)], _end[index] - _hash[index]);

    /// <summary>Whether the entry's stored hash is the SHA-256 of its content, in lowercase hexadecimal.</summary>
    public bool ContentMatches(int index) => Matches(Content(index), EntryHash(index));

    /// <summary>
    /// The entry's hash as <see cref="AuditChain.Hash"/> computes it, from a page kept per thread:
    /// what the audit appender uses, with no string per field.
    /// </summary>
    public static string Hash(AuditRecord e)
    {
        var page = t_single ??= new AuditPage(1);
        page.Clear();
        page.Add(e);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(page.Content(0), hash);
        return Convert.ToHexStringLower(hash);
    }

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

    /// <summary>Adds an entry from its fields.</summary>
    public void Add(AuditRecord e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var text = e.DecisionId.Length + e.Principal.Length + e.CaseId.Length + e.SubjectRef.Length + e.CouncilId.Length + e.GroupId.Length +
                   e.RuleIds.Length + e.Reason.Length + e.PrevHash.Length + e.EntryHash.Length;
        Begin(FixedBytes + (3 * text), e.Seq);
        Text(e.DecisionId);
        Instant(e.DecidedAt);
        Text(e.Principal);
        Number(e.Role);
        Number(e.Action);
        Text(e.CaseId);
        Text(e.SubjectRef);
        Text(e.CouncilId);
        Text(e.GroupId);
        Number(e.ViewKind);
        Number(e.Outcome);
        Text(e.RuleIds);
        Text(e.Reason);
        _prev[Count] = _used;
        _used += Encoding.UTF8.GetBytes(e.PrevHash, _bytes.AsSpan(_used));
        _hash[Count] = _used;
        _used += Encoding.UTF8.GetBytes(e.EntryHash, _bytes.AsSpan(_used));
        _end[Count] = _used;
        Count++;
    }

    /// <summary>
    /// Adds an entry whose content was composed elsewhere (by SQLite, from
    /// <see cref="AuditChain.Fields"/>: <see cref="AuditPageReader"/>), ending with the stored
    /// previous hash of <paramref name="prevHashLength"/> bytes.
    /// </summary>
    public void Add(long seq, ReadOnlySpan<byte> content, int prevHashLength, ReadOnlySpan<byte> entryHash)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(prevHashLength, content.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(prevHashLength);
        Reserve(content.Length + entryHash.Length);
        _seq[Count] = seq;
        _start[Count] = _used;
        content.CopyTo(_bytes.AsSpan(_used));
        _used += content.Length;
        _prev[Count] = _used - prevHashLength;
        _hash[Count] = _used;
        entryHash.CopyTo(_bytes.AsSpan(_used));
        _used += entryHash.Length;
        _end[Count] = _used;
        Count++;
    }

    private int Checked(int index) => (uint)index < (uint)Count ? index : throw new ArgumentOutOfRangeException(nameof(index));

    private void Begin(int maxBytes, long seq)
    {
        Reserve(maxBytes);
        _seq[Count] = seq;
        _start[Count] = _used;
        Bytes(s_prefix);
        Number(seq);
    }

    private void Reserve(int maxBytes)
    {
        if (Count == _seq.Length)
        {
            var capacity = Count * 2;
            Array.Resize(ref _seq, capacity);
            Array.Resize(ref _start, capacity);
            Array.Resize(ref _prev, capacity);
            Array.Resize(ref _hash, capacity);
            Array.Resize(ref _end, capacity);
        }

        if (_bytes.Length - _used < maxBytes)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _used + maxBytes));
        }
    }

    private void Bytes(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(_bytes.AsSpan(_used));
        _used += utf8.Length;
        _bytes[_used++] = (byte)'\n';
    }

    private void Text(string text)
    {
        _used += Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_used));
        _bytes[_used++] = (byte)'\n';
    }

    private void Number(long value)
    {
        value.TryFormat(_bytes.AsSpan(_used), out var written, default, CultureInfo.InvariantCulture);
        _used += written;
        _bytes[_used++] = (byte)'\n';
    }

    private void Instant(DateTimeOffset value)
    {
        value.UtcDateTime.TryFormat(_bytes.AsSpan(_used), out var written, InstantFormat, CultureInfo.InvariantCulture);
        _used += written;
        _bytes[_used++] = (byte)'\n';
    }
}
