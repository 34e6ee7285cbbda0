namespace Clspd.ServiceDefaults.Errors;

/// <summary>
/// A domain rule of RULES.md refuses the operation in the current state: maps to
/// <c>FailedPrecondition</c> with a <c>PreconditionFailure</c> holding one violation per subject
/// (type = the rule id). The message starts with the rule id.
/// </summary>
public sealed class RuleViolationException : ClspdException
{
    public RuleViolationException(string ruleId, string description, string subject = "")
        : this(ruleId, description, [new FieldError(subject, description)])
    {
    }

    /// <summary>A refusal by one rule for several reasons at once (e.g. every missing item of a notice).</summary>
    public RuleViolationException(string ruleId, string description, IReadOnlyList<FieldError> violations)
        : base($"{ruleId}: {description}")
    {
        RuleId = ruleId;
        Description = description;
        Violations = violations;
    }

    public string RuleId { get; }

    public string Description { get; }

    /// <summary>What is refused: the subject (field or resource) and why.</summary>
    public IReadOnlyList<FieldError> Violations { get; }

    public string Subject => Violations.Count > 0 ? Violations[0].Field : "";
}
