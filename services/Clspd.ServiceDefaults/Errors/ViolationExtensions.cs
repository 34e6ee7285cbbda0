using Clspd.Rules;

namespace Clspd.ServiceDefaults.Errors;

/// <summary>Turns the violations a domain function returns into the typed exceptions the interceptor maps to statuses.</summary>
public static class ViolationExtensions
{
    /// <summary>A rule refuses the operation in the current state: <c>FailedPrecondition</c> naming the rule.</summary>
    public static RuleViolationException ToException(this Violation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        return new RuleViolationException(violation.RuleId, violation.Sentence, violation.Subject);
    }

    /// <summary>The caller may not do this: <c>PermissionDenied</c> naming the rule.</summary>
    public static PermissionDeniedException ToDenial(this Violation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        return new PermissionDeniedException(violation.RuleId, violation.Sentence);
    }

    /// <summary>Throws <see cref="RuleViolationException"/> when there is a violation.</summary>
    public static void ThrowIfAny(this Violation? violation)
    {
        if (violation is not null)
        {
            throw violation.ToException();
        }
    }

    /// <summary>
    /// Throws one <see cref="RuleViolationException"/> holding every violation (the first one's rule id
    /// and sentence in the message) when the list is not empty.
    /// </summary>
    public static void ThrowIfAny(this IReadOnlyList<Violation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        if (violations.Count == 0)
        {
            return;
        }

        var first = violations[0];
        throw new RuleViolationException(first.RuleId, first.Sentence, [.. violations.Select(v => new FieldError(v.Subject, v.Sentence))]);
    }

    /// <summary>Throws <see cref="PermissionDeniedException"/> when there is a violation.</summary>
    public static void ThrowIfDenied(this Violation? violation)
    {
        if (violation is not null)
        {
            throw violation.ToDenial();
        }
    }
}
