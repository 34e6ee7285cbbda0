using System.Text;
using Clspd.Access.Domain;
using Clspd.Access.V1;

namespace Clspd.Access.Store.FastPath;

/// <summary>
/// ACC-4, fast path of <see cref="AuditVerifier"/> (the reference, which must name the same entry
/// and problem; tests check both on intact and tampered chains): walks the chain in sequence order and stops at the first entry that is missing (a gap in
/// sequence numbers), reordered (not linked to the entry before it) or altered (its content no
/// longer matches its hash). Each entry's own hash depends only on what is stored in its row, so
/// the hashes of a page are checked on up to <paramref name="parallelism"/> threads; the walk
/// that links each entry to the one before it, and decides which problem comes first, stays in
/// sequence order, so the entry named is the same whatever the parallelism.
/// </summary>
public sealed class AuditPageVerifier(long afterSequence = 0, string? afterHash = null, int parallelism = 1)
{
    // Below this many entries per thread, the hashes of a page are checked on the calling thread.
    private const int MinSlice = 64;

    private byte[] _lastHash = Encoding.UTF8.GetBytes(afterSequence == 0 ? AuditChain.Genesis : afterHash ?? throw new ArgumentNullException(nameof(afterHash)));
    private readonly int _parallelism = Math.Max(1, parallelism);
    private long _lastSeq = afterSequence;
    private bool[] _matches = [];

    /// <summary>
    /// The threads that check hashes while the next page is read: every core but one, which the
    /// reading keeps busy: reading a page costs more than hashing it (docs/benchmarks.md).
    /// </summary>
    public static int DefaultParallelism => Math.Max(1, Environment.ProcessorCount - 1);

    public long LastSequence => _lastSeq;

    public long Checked { get; private set; }

    public string HeadHash => Encoding.UTF8.GetString(_lastHash);

    /// <summary>
    /// Checks the first <paramref name="count"/> entries of a page, which follow the entries
    /// checked so far; returns the first problem found, or null when they all follow correctly.
    /// </summary>
    public AuditFinding? Next(AuditPage page, int count)
    {
        ArgumentNullException.ThrowIfNull(page);
        count = Math.Clamp(count, 0, page.Count);
        CheckContents(page, count);
        for (var i = 0; i < count; i++)
        {
            var seq = page.Sequence(i);
            if (seq != _lastSeq + 1)
            {
                return new AuditFinding(_lastSeq + 1, AuditProblem.Missing, $"entry {_lastSeq + 1} is missing: the entry after {_lastSeq} is {seq}");
            }

            if (!page.PrevHash(i).SequenceEqual(_lastHash))
            {
                return new AuditFinding(seq, AuditProblem.Reordered, $"entry {seq} does not follow entry {_lastSeq}: the chain was reordered or re-linked");
            }

            if (!_matches[i])
            {
                return new AuditFinding(seq, AuditProblem.Altered, $"entry {seq} was altered: its content no longer matches its hash");
            }

            _lastSeq = seq;
            var hash = page.EntryHash(i);
            if (hash.Length != _lastHash.Length)
            {
                _lastHash = new byte[hash.Length];
            }

            hash.CopyTo(_lastHash);
            Checked++;
        }

        return null;
    }

    // Each entry's stored hash against its own content, in contiguous slices, some threads each.
    private void CheckContents(AuditPage page, int count)
    {
        if (_matches.Length < count)
        {
            _matches = new bool[page.Count];
        }

        var slices = Math.Min(_parallelism * 4, count / MinSlice);
        if (_parallelism == 1 || slices < 2)
        {
            CheckSlice(page, 0, count);
            return;
        }

        CheckInParallel(page, count, slices);
    }

    // Apart, so that the closure is allocated only when the slices run in parallel.
    private void CheckInParallel(AuditPage page, int count, int slices)
    {
        var size = (count + slices - 1) / slices;
        Parallel.For(0, slices, new ParallelOptions { MaxDegreeOfParallelism = _parallelism },
            slice => CheckSlice(page, slice * size, Math.Min(count, (slice + 1) * size)));
    }

    private void CheckSlice(AuditPage page, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            _matches[i] = page.ContentMatches(i);
        }
    }
}
