using Clspd.Registry.V1;

namespace Clspd.Consent.Domain;

/// <summary>
/// A person whose token comes from an issuer bound to councils acts only for those councils (ACC-1:
/// a designation elsewhere gives no need to know); an issuer bound to none restricts nothing.
/// </summary>
public static class CouncilBinding
{
    /// <summary>Whether a caller bound to <paramref name="boundCouncils"/> acts for <paramref name="councilId"/> (unknown council: yes, the other rules decide).</summary>
    public static bool ActsFor(IReadOnlyList<string> boundCouncils, string? councilId)
    {
        ArgumentNullException.ThrowIfNull(boundCouncils);
        return boundCouncils.Count == 0 || string.IsNullOrEmpty(councilId) || boundCouncils.Contains(councilId, StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether a caller bound to <paramref name="boundCouncils"/> acts for a subject consent does not
    /// hold: a bound caller does not (ACC-1), so that an unknown subject gets the refusal a subject of
    /// another council gets, and the difference does not tell that the latter exists; an unbound one does.
    /// </summary>
    public static bool ActsForUnknownSubject(IReadOnlyList<string> boundCouncils)
    {
        ArgumentNullException.ThrowIfNull(boundCouncils);
        return boundCouncils.Count == 0;
    }

    /// <summary>The designations that count for a caller bound to <paramref name="boundCouncils"/>: those in one of them.</summary>
    public static IEnumerable<Designation> Counting(IEnumerable<Designation> designations, IReadOnlyList<string> boundCouncils)
    {
        ArgumentNullException.ThrowIfNull(boundCouncils);
        return boundCouncils.Count == 0 ? designations : designations.Where(d => boundCouncils.Contains(d.CouncilId, StringComparer.Ordinal));
    }
}
