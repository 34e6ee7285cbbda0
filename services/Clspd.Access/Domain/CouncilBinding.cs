namespace Clspd.Access.Domain;

/// <summary>
/// ACC-1 across organisations: a person whose token comes from an issuer bound to councils
/// (<c>Auth:Issuers:{name}:Councils</c>) acts only for those councils, so only their designations
/// there are in force for them. An issuer bound to no council restricts nothing.
/// </summary>
public static class CouncilBinding
{
    /// <summary>The designations that count for a principal bound to <paramref name="boundCouncils"/>.</summary>
    public static IReadOnlyList<DesignationFact> Counting(IReadOnlyList<DesignationFact> designations, IReadOnlyList<string> boundCouncils)
    {
        ArgumentNullException.ThrowIfNull(designations);
        ArgumentNullException.ThrowIfNull(boundCouncils);
        return boundCouncils.Count == 0 ? designations : [.. designations.Where(d => boundCouncils.Contains(d.CouncilId, StringComparer.Ordinal))];
    }
}
