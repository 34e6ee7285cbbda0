using Clspd.Access.V1;

namespace Clspd.Access.Domain;

/// <summary>
/// ACC-4, the reference check of the chain: walks the entries in sequence order and stops at the
/// first that is missing (a gap in sequence numbers), reordered (not linked to the entry before
/// it) or altered (its content no longer matches its hash, <see cref="AuditChain.Matches"/>).
/// The service verifies long trails with the page verifier of Store/FastPath, which must name
/// the same entry and problem.
/// </summary>
public sealed class AuditVerifier(long afterSequence = 0, string? afterHash = null)
{
    private string _lastHash = afterSequence == 0 ? AuditChain.Genesis : afterHash ?? throw new ArgumentNullException(nameof(afterHash));

    public long LastSequence { get; private set; } = afterSequence;

    public long Checked { get; private set; }

    public string HeadHash => _lastHash;

    /// <summary>Checks the next entry; returns the problem found, or null when it follows correctly.</summary>
    public AuditFinding? Next(AuditRecord entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Seq != LastSequence + 1)
        {
            return new AuditFinding(LastSequence + 1, AuditProblem.Missing, $"entry {LastSequence + 1} is missing: the entry after {LastSequence} is {entry.Seq}");
        }

        if (!string.Equals(entry.PrevHash, _lastHash, StringComparison.Ordinal))
        {
            return new AuditFinding(entry.Seq, AuditProblem.Reordered, $"entry {entry.Seq} does not follow entry {LastSequence}: the chain was reordered or re-linked");
        }

        if (!AuditChain.Matches(entry))
        {
            return new AuditFinding(entry.Seq, AuditProblem.Altered, $"entry {entry.Seq} was altered: its content no longer matches its hash");
        }

        LastSequence = entry.Seq;
        _lastHash = entry.EntryHash;
        Checked++;
        return null;
    }

    /// <summary>Checks entries in order; returns the first problem found, or null when they all follow correctly.</summary>
    public AuditFinding? Next(IEnumerable<AuditRecord> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            if (Next(entry) is { } bad)
            {
                return bad;
            }
        }

        return null;
    }
}
