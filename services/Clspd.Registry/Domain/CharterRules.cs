using Clspd.Rules;

namespace Clspd.Registry.Domain;

/// <summary>REG-3: the council's charter, signed by each institution and accepted by each participant, before anyone takes part.</summary>
public static class CharterRules
{
    /// <summary>
    /// REG-3: a participant is designated only once their institution signed and they accepted the
    /// council's current charter version.
    /// </summary>
    public static Violation? AllowsDesignation(string participantId, string? currentVersion, bool institutionSigned, bool participantAccepted) =>
        RegistryRules.CharterShortfall(currentVersion, institutionSigned, participantAccepted) is { } shortfall
            ? new Violation("REG-3", participantId, shortfall)
            : null;

    /// <summary>REG-3: the charter is accepted personally, by a registered participant with their own token; the caller is none.</summary>
    public static Violation NotRegisteredParticipant { get; } =
        new("REG-3", "", "the charter is accepted personally, by a registered participant with their own token");
}
