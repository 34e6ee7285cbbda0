using Clspd.Rules;

namespace Clspd.Records.Domain;

/// <summary>
/// Who may do what records decides itself, from what the registry says of the caller (ACC-1,
/// REC-1, REC-7, REC-11); access decides everything that touches a case. Every refusal is a denial.
/// </summary>
public static class CallerRules
{
    /// <summary>
    /// ACC-1 across organisations: a person whose token comes from an issuer bound to councils acts
    /// only for those; a designation or a coordinator role in another council does not count for
    /// them. An issuer bound to no council restricts nothing.
    /// </summary>
    public static bool ActsFor(IReadOnlyList<string> boundCouncils, string? councilId)
    {
        ArgumentNullException.ThrowIfNull(boundCouncils);
        return boundCouncils.Count == 0 || (councilId is not null && boundCouncils.Contains(councilId, StringComparer.Ordinal));
    }

    /// <summary>ACC-1: a person is recorded by a participant designated in the council (or an administrator).</summary>
    public static Violation? RecordsPerson(bool bootstrapAdmin, bool designatedInCouncil) =>
        bootstrapAdmin || designatedInCouncil ? null : new Violation("ACC-1", "", "only participants designated in this council may record a person");

    /// <summary>ACC-1: a council's statistics are read by its designated participants (or administrators and services).</summary>
    public static Violation? ReadsStatistics(bool adminOrService, bool designatedInCouncil) =>
        adminOrService || designatedInCouncil ? null : new Violation("ACC-1", "", "only participants designated in this council may read its statistics");

    /// <summary>ACC-1: a meeting with an empty agenda is closed by a participant designated in its council (or administrators and services).</summary>
    public static Violation? ClosesMeeting(bool adminOrService, bool designatedInCouncil) =>
        adminOrService || designatedInCouncil ? null : new Violation("ACC-1", "", "only participants designated in this council may close its meetings");

    /// <summary>REC-11: the evaluation and the charter-application reports are read by the council's coordinator (or administrators).</summary>
    public static Violation? ReadsEvaluation(bool bootstrapAdmin, bool coordinatorOfCouncil) =>
        bootstrapAdmin || coordinatorOfCouncil
            ? null
            : new Violation("REC-11", "", "only the council's coordinator and administrators read its evaluation and charter-application reports");

    /// <summary>REC-7: the lifecycle job and the deletion log are run and read by administrators and services.</summary>
    public static Violation? RunsLifecycle(bool adminOrService) =>
        adminOrService ? null : new Violation("REC-7", "", "the lifecycle job and the deletion log are reserved to administrators and services");

    /// <summary>REC-1: the master key sealing every identity is rotated by administrators.</summary>
    public static Violation? RotatesMasterKey(bool bootstrapAdmin) =>
        bootstrapAdmin ? null : new Violation("REC-1", "", "rotating the master key that seals every person's identity is reserved to administrators");

    /// <summary>
    /// Who may learn that a person without any case is still here (REC-10): the council's coordinator,
    /// administrators and services; anyone else gets the answer an unknown reference gets (ACC-1).
    /// </summary>
    public static Violation? LearnsCaselessPerson(bool adminOrService, bool coordinatorOfCouncil) =>
        adminOrService || coordinatorOfCouncil ? null : Unseen.Violation;
}
