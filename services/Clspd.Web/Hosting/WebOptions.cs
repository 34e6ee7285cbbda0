using Clspd.ServiceDefaults;

namespace Clspd.Web.Hosting;

/// <summary>The <c>Web</c> configuration section of the console.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    public const string DefaultGateway = "http://127.0.0.1:5080";

    public const string DefaultListen = "http://127.0.0.1:5090";

    /// <summary>The key of <see cref="ManagementListen"/>.</summary>
    public const string ManagementListenKey = Section + ":ManagementListen";

    /// <summary>The gateway the console calls over gRPC with the signed-in person's access token.</summary>
    public string Gateway { get; set; } = DefaultGateway;

    /// <summary>
    /// The gateway that routes consent, when it is not <see cref="Gateway"/>: a commune's console whose department
    /// council runs consent behind its own gateway (docs/deployment.md). Empty: consent goes through <see cref="Gateway"/>.
    /// </summary>
    public string? ConsentGateway { get; set; }

    /// <summary>The OpenID Connect issuer people sign in with (ProConnect, a broker in front of it, or the local issuer).</summary>
    public string? Authority { get; set; }

    /// <summary>The console's client id at <see cref="Authority"/>.</summary>
    public string ClientId { get; set; } = "clspd-web";

    /// <summary>The console's client secret, when the authority gives it one (a confidential client); PKCE is used either way.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked for besides <c>openid</c> (e.g. the one that gives an access token for the services' audience).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>Where the console listens (http only on loopback).</summary>
    public string Listen { get; set; } = DefaultListen;

    /// <summary>
    /// The management listener (<c>http://</c>, HTTP/1.1, <c>/healthz</c> and <c>/readyz</c> only) that kubelet and
    /// Docker's health check ask; none when empty.
    /// </summary>
    public string? ManagementListen { get; set; }

    /// <summary>
    /// Where the console keeps its data-protection keys and the signed-in sessions (<c>keys/</c>, <c>sessions.db</c>),
    /// so that a restart signs nobody out and the forms and cookies it issued stay valid; in memory when empty.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>Whether the authority's metadata must come over https (off only for a loopback authority).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How long a signed-in session lasts at most, whatever the access token's lifetime.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>TLS to the gateway: <see cref="TlsOptions.CaFile"/> verifies its certificate; a client certificate is presented when configured.</summary>
    public TlsOptions Tls { get; set; } = new();
}
