namespace Clspd.Access.Store;

/// <summary>Decisions of one action, outcome and rule list (as stored, comma-separated) in a period.</summary>
public sealed class AuditCountRow
{
    public long Action { get; init; }
    public long Outcome { get; init; }
    public string RuleIds { get; init; } = "";
    public long Count { get; init; }
}
