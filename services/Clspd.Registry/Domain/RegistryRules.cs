using Clspd.Registry.V1;

namespace Clspd.Registry.Domain;

/// <summary>The registry rules REG-1 .. REG-7 as plain functions.</summary>
public static class RegistryRules
{
    /// <summary>REG-2: only working groups and the CDDF may hold cases and nominative designations.</summary>
    public static bool MayHoldCases(GroupKind kind) => kind is GroupKind.Territorial or GroupKind.Thematic or GroupKind.Operational or GroupKind.Cddf;

    /// <summary>REG-1: a council is ready for nominative processing once controller and coordinator are named.</summary>
    public static bool IsReady(string controllerName, string coordinatorName) =>
        !string.IsNullOrWhiteSpace(controllerName) && !string.IsNullOrWhiteSpace(coordinatorName);

    /// <summary>
    /// REG-4: the reference a role is bound to. Returns the name of the missing field, or null
    /// when the role's binding is present (and no binding is given for roles that take none).
    /// </summary>
    public static (string Field, string Description)? RoleBindingError(Role role, string meetingId, string caseRef, string measureRef)
    {
        static bool Set(string s) => !string.IsNullOrWhiteSpace(s);
        return role switch
        {
            Role.OccasionalAttendee when !Set(meetingId) => ("meeting_id", "is required for an occasional attendee (REG-4)"),
            Role.PathReferent when !Set(caseRef) => ("case_ref", "is required for a path referent (REG-4)"),
            Role.MeasureImplementer when !Set(measureRef) => ("measure_ref", "is required for a measure implementer (REG-4)"),
            not Role.OccasionalAttendee when Set(meetingId) => ("meeting_id", "is only for an occasional attendee"),
            not Role.PathReferent when Set(caseRef) => ("case_ref", "is only for a path referent"),
            not Role.MeasureImplementer when Set(measureRef) => ("measure_ref", "is only for a measure implementer"),
            _ => null,
        };
    }

    /// <summary>REG-6: the warning returned when a non-nominative institution's member is designated.</summary>
    public static string? DesignationWarning(InstitutionKind kind) => InstitutionKinds.NeverNominative(kind)
        ? "REG-6: this participant's institution never receives nominative data (ACC-2); they may attend but will only see pseudonymous cases"
        : null;

    /// <summary>Whether a designation is in force at an instant: within [from, to) and not revoked before.</summary>
    public static bool IsValidAt(DateTimeOffset validFrom, DateTimeOffset validTo, DateTimeOffset? revokedAt, DateTimeOffset at) =>
        validFrom <= at && at < validTo && (revokedAt is null || at < revokedAt);

    /// <summary>
    /// REG-3: why the charter does not allow designating a participant yet, or null when the
    /// institution signed and the participant accepted the council's current version.
    /// </summary>
    public static string? CharterShortfall(string? currentVersion, bool institutionSigned, bool participantAccepted) =>
        (currentVersion, institutionSigned, participantAccepted) switch
        {
            (null or "", _, _) => "the council has published no charter version yet: nobody takes part before the charter exists",
            (_, false, false) => $"neither the participant's institution has signed nor the participant has accepted the current charter version '{currentVersion}'",
            (_, false, true) => $"the participant's institution has not signed the current charter version '{currentVersion}'",
            (_, true, false) => $"the participant has not personally accepted the current charter version '{currentVersion}' and acknowledged that every access is traced",
            _ => null,
        };

    /// <summary>Whether a validity period [from, to), not revoked before, meets a calendar day (UTC).</summary>
    public static bool CoversDay(DateTimeOffset validFrom, DateTimeOffset validTo, DateTimeOffset? revokedAt, DateOnly day)
    {
        var (start, end) = DayBounds(day);
        return validFrom < end && validTo > start && (revokedAt is null || revokedAt > start);
    }

    /// <summary>The UTC instants [start, end) of a calendar day.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) DayBounds(DateOnly day)
    {
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return (start, start.AddDays(1));
    }

    /// <summary>
    /// REG-5: after a confidentiality breach only a new mayor's order designates the participant
    /// again: one dated on or after the day the breach was recorded (UTC).
    /// </summary>
    public static bool IsOrderAfterBreach(DateOnly orderDate, DateTimeOffset? lastBreachAt) =>
        lastBreachAt is null || orderDate >= DateOnly.FromDateTime(lastBreachAt.Value.UtcDateTime);

    /// <summary>Whether two validity periods [from, to) overlap.</summary>
    public static bool Overlap(DateTimeOffset fromA, DateTimeOffset toA, DateTimeOffset fromB, DateTimeOffset toB) =>
        fromA < toB && fromB < toA;

    /// <summary>REG-5: a designation can still be ended at an instant when it is neither revoked nor expired.</summary>
    public static bool IsOpenAt(DateTimeOffset validTo, DateTimeOffset? revokedAt, DateTimeOffset at) =>
        revokedAt is null && validTo > at;

    /// <summary>A SHA-256 in hex: 64 hexadecimal digits.</summary>
    public static bool IsSha256Hex(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigit);

    /// <summary>An INSEE commune code: five characters, digits except Corsica's 2A/2B.</summary>
    public static bool IsInseeCode(string code) =>
        code.Length == 5 && (code.All(char.IsAsciiDigit) ||
            ((code.StartsWith("2A", StringComparison.Ordinal) || code.StartsWith("2B", StringComparison.Ordinal)) && code[2..].All(char.IsAsciiDigit)));
}
