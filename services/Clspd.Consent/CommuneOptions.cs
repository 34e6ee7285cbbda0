namespace Clspd.Consent;

/// <summary>
/// One commune a department's consent serves (<c>Consent:Communes:{name}</c>): its services see
/// only the subjects of its councils, and the designations of those councils come from its registry.
/// </summary>
public sealed class CommuneOptions
{
    /// <summary>The organisation its services' certificates (subject O) and tokens carry.</summary>
    public string? Organisation { get; set; }

    /// <summary>The council ids the commune runs (each in one commune only).</summary>
    public List<string> Councils { get; set; } = [];

    /// <summary>The address of the commune's registry (<c>https://…</c>), asked for the designations of its councils.</summary>
    public string? Registry { get; set; }
}
