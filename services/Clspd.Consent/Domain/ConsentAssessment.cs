using Clspd.Consent.V1;

namespace Clspd.Consent.Domain;

/// <summary>The answer of the rules for (subject, purpose, group, instant), with its reasons.</summary>
public sealed record ConsentAssessment(
    ConsentState State,
    IReadOnlyList<string> Reasons,
    bool Informed,
    IReadOnlyList<string> MissingDeciders,
    IReadOnlyList<string> UninformedParties,
    bool Minor,
    bool NamedDiscussionPossible);
