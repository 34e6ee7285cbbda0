using Clspd.Consent.V1;

namespace Clspd.Consent.Domain;

/// <summary>One decision as the rules see it; <see cref="Revision"/> orders decisions strictly.</summary>
public sealed record DecisionFact(Decision Decision, string DecidedByRef, DateTimeOffset DecidedAt, long Revision);
