namespace Clspd.Rules;

/// <summary>
/// A rule of RULES.md refusing an operation: the rule's id, what it refuses (a request field or a
/// resource, empty when the whole operation is refused) and the sentence a user reads. Domain
/// functions return these; the gRPC layer turns them into statuses.
/// </summary>
public sealed record Violation(string RuleId, string Subject, string Sentence)
{
    /// <summary>The violation as a user reads it: the rule id, then the sentence.</summary>
    public override string ToString() => $"{RuleId}: {Sentence}";
}
