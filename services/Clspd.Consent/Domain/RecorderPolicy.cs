using Clspd.Registry.V1;

namespace Clspd.Consent.Domain;

/// <summary>
/// Who may record informings and decisions for a subject, and read its consent: the configured
/// recorders, bootstrap administrators and services always; otherwise a participant designated
/// (in force) in one of the subject's groups, or in the group a named discussion is about.
/// </summary>
public static class RecorderPolicy
{
    private static readonly Role[] ActingRoles = [Role.Coordinator, Role.CoordinationTeam, Role.GroupMember, Role.PathReferent];

    /// <summary>
    /// Whether a designation in force lets its holder record and read consent: a role working on
    /// individual situations, in a body that holds cases (REG-2: never plenary or restricted
    /// formations), for an institution that receives nominative data (ACC-2 / REG-6, the one
    /// definition of <see cref="InstitutionKinds.NeverNominative"/>).
    /// </summary>
    public static bool MayRecordAs(Role role, InstitutionKind institutionKind, GroupKind groupKind) =>
        ActingRoles.Contains(role) && !InstitutionKinds.NeverNominative(institutionKind) && groupKind is not (GroupKind.Plenary or GroupKind.Restricted);

    /// <summary>
    /// Whether the registry's designations in force of a caller let them record and read for a
    /// subject: one not revoked, in a role <see cref="MayRecordAs"/> allows, in one of the subject's
    /// groups (or the given group).
    /// </summary>
    public static bool IsDesignatedForSubject(IEnumerable<Designation> designations, IReadOnlyList<string> subjectGroups, string? groupId) =>
        IsDesignatedForSubject(
            designations.Where(d => d.RevokedAt is null && MayRecordAs(d.Role, d.InstitutionKind, d.GroupKind)).Select(d => d.GroupId),
            subjectGroups, groupId);

    public static bool IsDesignatedForSubject(IEnumerable<string> designatedGroupIds, IReadOnlyList<string> subjectGroups, string? groupId)
    {
        var groups = new HashSet<string>(subjectGroups, StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(groupId))
        {
            groups.Add(groupId);
        }

        return designatedGroupIds.Any(groups.Contains);
    }
}
