namespace Clspd.Access.Domain;

/// <summary>One entry of the audit trail as stored (ids and codes only, no names).</summary>
public sealed class AuditRecord
{
    public long Seq { get; set; }
    public string DecisionId { get; init; } = "";
    public DateTimeOffset DecidedAt { get; init; }
    public string Principal { get; init; } = "";
    public int Role { get; init; }
    public int Action { get; init; }
    public string CaseId { get; init; } = "";
    public string SubjectRef { get; init; } = "";
    public string CouncilId { get; init; } = "";
    public string GroupId { get; init; } = "";
    public int ViewKind { get; init; }
    public int Outcome { get; init; }
    public string RuleIds { get; init; } = "";
    public string Reason { get; init; } = "";
    public string PrevHash { get; set; } = "";
    public string EntryHash { get; set; } = "";
}
