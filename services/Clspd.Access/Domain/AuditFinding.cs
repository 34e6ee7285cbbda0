using Clspd.Access.V1;

namespace Clspd.Access.Domain;

/// <summary>The first entry of the trail that does not follow the chain (ACC-4), what is wrong with it, and a sentence saying so.</summary>
public readonly record struct AuditFinding(long Sequence, AuditProblem Problem, string Message);
