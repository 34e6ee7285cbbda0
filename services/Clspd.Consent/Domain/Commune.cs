namespace Clspd.Consent.Domain;

/// <summary>
/// One commune the department's consent serves (<c>Consent:Communes:{name}</c>): the organisation
/// its services' certificates and tokens carry, the councils it runs and its registry's address.
/// </summary>
public sealed record Commune(string Name, string? Organisation, IReadOnlyList<string> Councils, string? Registry);
