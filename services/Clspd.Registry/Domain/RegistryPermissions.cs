using Clspd.Rules;

namespace Clspd.Registry.Domain;

/// <summary>
/// Who may do what in the registry, as pure functions of the caller's standing. Writes: bootstrap
/// administrators and the council's coordinator (a participant holding a COORDINATOR designation in
/// force). Reads of a group: REG-7. Each refusal names its rule; the whole operation is refused
/// (empty subject).
/// </summary>
public static class RegistryPermissions
{
    /// <summary>REG-1: only a bootstrap administrator creates a council.</summary>
    public static Violation? CreateCouncil(CallerStanding caller) =>
        caller.IsBootstrapAdmin ? null : Deny("REG-1", "only a bootstrap administrator may create a council");

    /// <summary>
    /// A write on one council: a bootstrap administrator or the council's coordinator. When the thing
    /// written does not exist (no council), nobody coordinates it: administrators only, with the
    /// refusal everyone else gets otherwise.
    /// </summary>
    public static Violation? ManageCouncil(RegistryAction action, CallerStanding caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (rule, what) = Describe(action);
        return caller.ManagesCouncil ? null : Deny(rule, $"only a bootstrap administrator or the council's coordinator may {what}");
    }

    /// <summary>A registry-wide write (institutions, participants): a bootstrap administrator or the coordinator of any council.</summary>
    public static Violation? ManageAnyCouncil(RegistryAction action, CallerStanding caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (rule, what) = Describe(action);
        return caller.IsBootstrapAdmin || caller.CoordinatesAnyCouncil ? null : Deny(rule, $"only a bootstrap administrator or a council coordinator may {what}");
    }

    /// <summary>REG-1: a council's officer history is read by services, its coordinator and administrators.</summary>
    public static Violation? ReadOfficerHistory(CallerStanding caller) =>
        caller.IsService || caller.ManagesCouncil ? null : Deny("REG-1", "only the council's coordinator and administrators read its officer history");

    /// <summary>
    /// REG-7: who sits in a group (and when it meets) is visible to services, administrators, the
    /// council's coordinator and every participant designated in the group now.
    /// </summary>
    public static Violation? ReadGroup(CallerStanding caller) =>
        caller.IsService || caller.ManagesCouncil || caller.DesignatedInGroup
            ? null
            : Deny("REG-7", "only the participants designated in this group, the council's coordinator and administrators see who sits in it");

    /// <summary>REG-3: a participant's charter status is read by services, the participant, the council's coordinator and administrators.</summary>
    public static Violation? ReadCharterStatus(CallerStanding caller) =>
        caller.IsService || caller.IsTheParticipant || caller.ManagesCouncil
            ? null
            : Deny("REG-3", "only the participant, the council's coordinator and administrators read a participant's charter status");

    /// <summary>REC-11: a council's figures are read by the platform's services, its coordinator and administrators.</summary>
    public static Violation? ReadFigures(CallerStanding caller) =>
        caller.IsService || caller.ManagesCouncil ? null : Deny("REC-11", "a council's figures are read by the platform's services, its coordinator and administrators");

    /// <summary>REG-7: a token subject's designations are listed by services, administrators and that subject.</summary>
    public static Violation? ListSubjectDesignations(CallerStanding caller) =>
        caller.IsService || caller.IsBootstrapAdmin || caller.IsTheParticipant ? null : Deny("REG-7", "a participant may list only their own designations here");

    /// <summary>REG-7: administrators, services and the participant see every designation of a participant.</summary>
    public static bool SeesAllDesignations(CallerStanding caller) => caller.IsService || caller.IsBootstrapAdmin || caller.IsTheParticipant;

    /// <summary>
    /// REG-7, for anyone else: a coordinator sees the participant's designations in the councils they
    /// coordinate, and of a participant never designated there (or who does not exist:
    /// <paramref name="participantCouncils"/> null) learns nothing, not even whether they exist.
    /// </summary>
    public static Violation? ListParticipantDesignations(IReadOnlyCollection<string> coordinatedCouncils, IEnumerable<string>? participantCouncils)
    {
        ArgumentNullException.ThrowIfNull(coordinatedCouncils);
        return coordinatedCouncils.Count == 0 || participantCouncils is null || !participantCouncils.Any(coordinatedCouncils.Contains)
            ? Deny("REG-7", "only the participant, the coordinators of their councils and administrators list their designations")
            : null;
    }

    private static (string Rule, string What) Describe(RegistryAction action) => action switch
    {
        RegistryAction.NameOfficer => ("REG-1", "name the council's controller or coordinator"),
        RegistryAction.CreateBody => ("REG-2", "create a body"),
        RegistryAction.CloseBody => ("REG-2", "close a body"),
        RegistryAction.ScheduleMeeting => ("REG-2", "schedule a meeting"),
        RegistryAction.PublishCharterVersion => ("REG-3", "publish a charter version"),
        RegistryAction.SignCharter => ("REG-3", "record an institution's signature of the charter"),
        RegistryAction.RecordInstitution => ("REG-3", "record an institution"),
        RegistryAction.RegisterParticipant => ("REG-4", "register a participant"),
        RegistryAction.Designate => ("REG-4", "record a designation"),
        RegistryAction.RevokeDesignation => ("REG-5", "revoke a designation"),
        RegistryAction.RecordBreach => ("REG-5", "record a confidentiality breach"),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "not a registry write"),
    };

    private static Violation Deny(string rule, string sentence) => new(rule, "", sentence);
}
