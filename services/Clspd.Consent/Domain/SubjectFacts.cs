namespace Clspd.Consent.Domain;

/// <summary>What consent knows of a person: opaque references only.</summary>
public sealed record SubjectFacts(string SubjectRef, DateOnly? MinorUntil, IReadOnlyList<string> LegalRepresentatives, IReadOnlyList<string> Groups)
{
    /// <summary>
    /// Minor until <see cref="MinorUntil"/> (exclusive), compared with the UTC calendar date of the
    /// instant.
    /// </summary>
    public bool IsMinorAt(DateTimeOffset at) => MinorUntil is { } until && DateOnly.FromDateTime(at.UtcDateTime) < until;

    /// <summary>CON-2: the parties that must be informed at an instant — the person, and for a minor each legal representative.</summary>
    public IReadOnlyList<string> PartiesToInformAt(DateTimeOffset at) =>
        IsMinorAt(at) ? [SubjectRef, .. LegalRepresentatives] : [SubjectRef];
}
