namespace Clspd.ServiceDefaults.Errors;

/// <summary>
/// A domain rule of RULES.md refuses the operation in the current state: maps to
/// <c>FailedPrecondition</c> with a <c>PreconditionFailure</c> whose type is the rule id.
/// The message starts with the rule id.
/// </summary>
public sealed class RuleViolationException(string ruleId, string description, string subject = "")
    : ClspdException($"{ruleId}: {description}")
{
    public string RuleId { get; } = ruleId;

    public string Description { get; } = description;

    public string Subject { get; } = subject;
}
