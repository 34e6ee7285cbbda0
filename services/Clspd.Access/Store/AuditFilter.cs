namespace Clspd.Access.Store;

/// <summary>Filters of an audit query; null means "any".</summary>
public sealed record AuditFilter
{
    public string? CaseId { get; init; }
    public string? Principal { get; init; }
    public string? SubjectRef { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    public IReadOnlyList<string>? CouncilIds { get; init; }
    public long AfterSequence { get; init; }
    public int Limit { get; init; } = 100;
}
