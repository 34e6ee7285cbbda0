using Clspd.Rules;

namespace Clspd.Access.Domain;

/// <summary>
/// What a caller may list of the trail (ACC-6): only the entries of these councils (null: any)
/// and of this principal (null: anyone), or the reason they may not list what they asked.
/// </summary>
public sealed record AuditReadScope(IReadOnlyList<string>? CouncilIds, string? Principal, Violation? Denied);
