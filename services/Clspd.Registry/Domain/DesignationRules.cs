using Clspd.Rules;

namespace Clspd.Registry.Domain;

/// <summary>The rules a designation by mayor's order meets when recorded (REG-4, REG-5) and when ended (REG-5).</summary>
public static class DesignationRules
{
    /// <summary>REG-4: an occasional attendee is designated for one meeting, and the validity must include its day.</summary>
    public static Violation? CoversMeetingDay(string meetingId, DateOnly meetingDate, DateTimeOffset validFrom, DateTimeOffset validTo) =>
        RegistryRules.CoversDay(validFrom, validTo, null, meetingDate)
            ? null
            : new Violation("REG-4", meetingId, $"an occasional attendee is designated for the meeting of {meetingDate:yyyy-MM-dd}: the validity must include that day");

    /// <summary>REG-5: after a confidentiality breach only a new mayor's order, dated on or after it, designates the participant again.</summary>
    public static Violation? OrderAfterBreach(string participantId, DateOnly orderDate, DateTimeOffset? lastBreachAt) =>
        RegistryRules.IsOrderAfterBreach(orderDate, lastBreachAt)
            ? null
            : new Violation("REG-5", participantId, "a confidentiality breach was recorded against this participant: only a new mayor's order, dated on or after the breach, designates them again");

    /// <summary>REG-5: a designation is ended once, while it is neither revoked nor expired.</summary>
    public static Violation? Revoke(string designationId, DateTimeOffset validTo, DateTimeOffset? revokedAt, DateTimeOffset now) =>
        RegistryRules.IsOpenAt(validTo, revokedAt, now)
            ? null
            : new Violation("REG-5", designationId, revokedAt is null ? "the designation has already expired" : "the designation is already revoked");
}
