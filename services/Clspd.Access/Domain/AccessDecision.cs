using Clspd.Access.V1;
using Clspd.Registry.V1;

namespace Clspd.Access.Domain;

/// <summary>
/// The outcome of the policy: allow or deny, the rules it rests on, a sentence, the view and the
/// role used; for the measure view, the measures the principal may be shown.
/// </summary>
public sealed record AccessDecision(Outcome Outcome, IReadOnlyList<string> RuleIds, string Reason, View View, Role Role)
{
    /// <summary>For an allowed <see cref="View.MeasureOnly"/>: the case's measures the principal carries out.</summary>
    public IReadOnlyList<string> MeasureRefs { get; init; } = [];

    /// <summary>
    /// For a deny: no designation of the principal in force reaches the resource at all. The
    /// principal is not entitled to learn that it exists, so an enforcement point answers as it
    /// does for an id that does not exist (the reason stays in the audit trail).
    /// </summary>
    public bool NoNeedToKnow { get; init; }

    public static AccessDecision Deny(string ruleId, string reason, Role role = Role.Unspecified) => new(Outcome.Deny, [ruleId], reason, View.Unspecified, role);

    public static AccessDecision Deny(IReadOnlyList<string> ruleIds, string reason, Role role = Role.Unspecified) => new(Outcome.Deny, ruleIds, reason, View.Unspecified, role);

    public static AccessDecision Allow(IReadOnlyList<string> ruleIds, string reason, View view, Role role) => new(Outcome.Allow, ruleIds, reason, view, role);
}
