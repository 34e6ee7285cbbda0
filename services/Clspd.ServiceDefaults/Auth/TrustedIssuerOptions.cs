namespace Clspd.ServiceDefaults.Auth;

/// <summary>
/// One organisation's token issuer (an entry of <c>Auth:Issuers</c>): an OIDC authority or a
/// public key file, the organisation it speaks for and the councils its users may act for.
/// </summary>
public sealed class TrustedIssuerOptions
{
    /// <summary>The tokens' <c>iss</c>; for an OIDC authority, the authority itself when not set.</summary>
    public string? Issuer { get; set; }

    /// <summary>OIDC authority whose discovery document and keys are fetched (e.g. the organisation's Keycloak realm).</summary>
    public string? Authority { get; set; }

    /// <summary>PEM file of the issuer's public key (ECDSA or RSA), instead of an authority.</summary>
    public string? KeyFile { get; set; }

    /// <summary>Expected audience; <c>Auth:Audience</c> when not set.</summary>
    public string? Audience { get; set; }

    /// <summary>Whether the OIDC metadata must be fetched over HTTPS (default true).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The organisation whose users this issuer authenticates (a commune, a department).</summary>
    public string? Organisation { get; set; }

    /// <summary>The councils this organisation's users may act for (empty: none named).</summary>
    public List<string> Councils { get; set; } = [];

    /// <summary>
    /// The claim that identifies the person (default <c>sub</c>). A broker in front of a federation
    /// whose <c>sub</c> differs per client maps its stable claim here (e.g. <c>preferred_username</c>).
    /// </summary>
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>
    /// Whether this issuer's <c>svc:*</c> subjects are the platform's services (the organisation's own
    /// issuer); a service subject from any other issuer is a plain caller with no grant.
    /// </summary>
    public bool IssuesServiceIdentities { get; set; }

    /// <summary>
    /// Whether a subject of <c>Auth:BootstrapAdmins</c> is an administrator when this issuer signed the
    /// token (the organisation's own issuer); from any other issuer the same subject is a plain caller,
    /// so another organisation's issuer cannot mint this organisation's administrator.
    /// </summary>
    public bool IssuesAdministrators { get; set; }

    /// <summary>
    /// The header <c>typ</c> every token must carry (e.g. <c>at+jwt</c>, RFC 9068); when not set, a
    /// token is refused only if it says it is an ID token. Key-file issuers default to <c>at+jwt</c>.
    /// </summary>
    public string? AccessTokenType { get; set; }
}
