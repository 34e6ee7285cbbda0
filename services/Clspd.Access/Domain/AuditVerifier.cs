using Clspd.Access.V1;

namespace Clspd.Access.Domain;

/// <summary>
/// ACC-4: walks the chain in sequence order and stops at the first entry that is missing (a gap in
/// sequence numbers), reordered (not linked to the entry before it) or altered (its content no
/// longer matches its hash).
/// </summary>
public sealed class AuditVerifier(long afterSequence = 0, string? afterHash = null)
{
    private long _lastSeq = afterSequence;
    private string _lastHash = afterSequence == 0 ? AuditChain.Genesis : afterHash ?? throw new ArgumentNullException(nameof(afterHash));

    public long LastSequence => _lastSeq;

    public long Checked { get; private set; }

    public string HeadHash => _lastHash;

    /// <summary>Checks the next entry; returns the problem found, or null when it follows correctly.</summary>
    public (long Sequence, AuditProblem Problem, string Message)? Next(AuditRecord entry)
    {
        if (entry.Seq != _lastSeq + 1)
        {
            return (_lastSeq + 1, AuditProblem.Missing, $"entry {_lastSeq + 1} is missing: the entry after {_lastSeq} is {entry.Seq}");
        }

        if (!string.Equals(entry.PrevHash, _lastHash, StringComparison.Ordinal))
        {
            return (entry.Seq, AuditProblem.Reordered, $"entry {entry.Seq} does not follow entry {_lastSeq}: the chain was reordered or re-linked");
        }

        if (!AuditChain.Matches(entry))
        {
            return (entry.Seq, AuditProblem.Altered, $"entry {entry.Seq} was altered: its content no longer matches its hash");
        }

        _lastSeq = entry.Seq;
        _lastHash = entry.EntryHash;
        Checked++;
        return null;
    }
}
