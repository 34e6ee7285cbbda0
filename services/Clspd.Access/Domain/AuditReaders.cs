using Clspd.Rules;

namespace Clspd.Access.Domain;

/// <summary>
/// Who reads the audit trail (ACC-6, REC-11): the platform's services and the controller's
/// administrators all of it; a coordinator the entries of their councils; a participant only
/// their own accesses. <c>privileged</c> is a service or an administrator; the councils are those
/// the caller coordinates.
/// </summary>
public static class AuditReaders
{
    /// <summary>ACC-6: verifying the trail and its checkpoints is for coordinators, administrators and services; <paramref name="what"/> says what is asked.</summary>
    public static Violation? MayVerify(bool privileged, IReadOnlyCollection<string> coordinatedCouncils, string what)
    {
        ArgumentNullException.ThrowIfNull(coordinatedCouncils);
        return privileged || coordinatedCouncils.Count > 0
            ? null
            : new Violation("ACC-6", "", $"only coordinators, the controller's administrators and the platform's services {what}");
    }

    /// <summary>
    /// ACC-6: the entries a caller who is neither a service nor an administrator may list: a
    /// coordinator those of their councils; a participant their own accesses (what they asked for,
    /// when they named no one else). <paramref name="askedPrincipal"/> is the principal the query
    /// names, if any.
    /// </summary>
    public static AuditReadScope ListScope(IReadOnlyList<string> coordinatedCouncils, string caller, string? askedPrincipal)
    {
        ArgumentNullException.ThrowIfNull(coordinatedCouncils);
        if (coordinatedCouncils.Count > 0)
        {
            return new AuditReadScope(coordinatedCouncils, askedPrincipal, null);
        }

        return askedPrincipal is null || string.Equals(askedPrincipal, caller, StringComparison.Ordinal)
            ? new AuditReadScope(null, caller, null)
            : new AuditReadScope(null, askedPrincipal, new Violation("ACC-6", "principal", "a participant may read only the trail of their own accesses"));
    }

    /// <summary>REC-11: a council's decision counts are for services, administrators and the council's coordinators.</summary>
    public static Violation? MayCount(bool privileged, IReadOnlyCollection<string> coordinatedCouncils, string councilId)
    {
        ArgumentNullException.ThrowIfNull(coordinatedCouncils);
        return privileged || coordinatedCouncils.Contains(councilId, StringComparer.Ordinal)
            ? null
            : new Violation("REC-11", "council_id", "a council's decision counts are read by the platform's services, its coordinator and administrators");
    }
}
