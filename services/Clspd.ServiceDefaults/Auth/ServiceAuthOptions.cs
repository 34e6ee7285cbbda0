namespace Clspd.ServiceDefaults.Auth;

/// <summary>
/// The <c>ServiceAuth</c> section: the token this service presents when it calls another one.
/// Local stack: a signing key file (the local issuer's) to mint its own short-lived token.
/// Production: a token file kept fresh by the platform (workload identity), or a fixed token.
/// </summary>
public sealed class ServiceAuthOptions
{
    public const string Section = "ServiceAuth";

    /// <summary>Private key PEM of the local issuer: the service mints <c>svc:{name}</c> tokens.</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>A file holding a bearer token, re-read when it changes.</summary>
    public string? TokenFile { get; set; }

    /// <summary>A fixed bearer token.</summary>
    public string? Token { get; set; }
}
