namespace Clspd.ServiceDefaults.Auth;

/// <summary>The <c>Auth</c> configuration section: how bearer tokens are validated and who is special.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>OIDC authority (production, e.g. ProConnect or the commune's identity provider).</summary>
    public string? Authority { get; set; }

    /// <summary>Expected audience of every token.</summary>
    public string Audience { get; set; } = LocalIssuer.DefaultAudience;

    /// <summary>Issuer of the local development tokens (with <see cref="IssuerKeyFile"/>).</summary>
    public string Issuer { get; set; } = LocalIssuer.DefaultIssuer;

    /// <summary>PEM file of the local issuer's public key (local stack); used when no authority is set.</summary>
    public string? IssuerKeyFile { get; set; }

    /// <summary>Whether the OIDC metadata must be fetched over HTTPS (default true).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Token subjects of the services themselves (e.g. <c>svc:records</c>).</summary>
    public List<string> ServiceSubjects { get; set; } = ["svc:registry", "svc:consent", "svc:records", "svc:access"];

    /// <summary>
    /// Validated tokens kept so that a token presented again is not verified again (until its
    /// <c>exp</c>, while its signing key is trusted); 0 validates every call in full.
    /// </summary>
    public int TokenCacheSize { get; set; } = 10_000;

    /// <summary>
    /// Several trusted issuers, one per organisation, by a short name. When empty, the single issuer
    /// above (<see cref="Authority"/> or <see cref="IssuerKeyFile"/>) is the only one trusted.
    /// </summary>
    public Dictionary<string, TrustedIssuerOptions> Issuers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Signature algorithms accepted, among ES256, RS256 and PS256 (empty: all three).</summary>
    public List<string> Algorithms { get; set; } = [];

    /// <summary>Subjects allowed to create councils and record mayor's orders before any designation exists.</summary>
    public List<string> BootstrapAdmins { get; set; } = [];
}
