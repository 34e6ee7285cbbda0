namespace Clspd.ServiceDefaults.Errors;

/// <summary>
/// The caller may not do this: maps to <c>PermissionDenied</c> with the rule ids in the message,
/// an <c>ErrorInfo</c> and a <c>PreconditionFailure</c> per rule.
/// </summary>
public sealed class PermissionDeniedException(IReadOnlyList<string> ruleIds, string description)
    : ClspdException($"{string.Join(", ", ruleIds)}: {description}")
{
    public PermissionDeniedException(string ruleId, string description)
        : this([ruleId], description)
    {
    }

    public IReadOnlyList<string> RuleIds { get; } = ruleIds;

    public string Description { get; } = description;
}
