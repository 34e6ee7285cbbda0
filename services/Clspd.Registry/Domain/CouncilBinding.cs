namespace Clspd.Registry.Domain;

/// <summary>
/// A person whose token comes from an issuer bound to councils (<c>Auth:Issuers:{name}:Councils</c>)
/// acts only for those councils: a coordinator role or a designation in another council does not
/// count for them. An issuer bound to no council restricts nothing (one organisation, the local stack).
/// </summary>
public static class CouncilBinding
{
    /// <summary>Whether a caller bound to <paramref name="boundCouncils"/> acts for <paramref name="councilId"/>.</summary>
    public static bool ActsFor(IReadOnlyList<string> boundCouncils, string? councilId)
    {
        ArgumentNullException.ThrowIfNull(boundCouncils);
        return boundCouncils.Count == 0 || (councilId is not null && boundCouncils.Contains(councilId, StringComparer.Ordinal));
    }

    /// <summary>Of the councils a caller holds a role in, those that count for them.</summary>
    public static IReadOnlyList<string> Counting(IEnumerable<string> councils, IReadOnlyList<string> boundCouncils) =>
        [.. councils.Where(c => ActsFor(boundCouncils, c))];
}
