using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.ServiceDefaults.Auth;

/// <summary>
/// The issuers a service trusts, one per organisation (<c>Auth:Issuers</c>), or the single issuer of
/// <c>Auth:Authority</c> / <c>Auth:IssuerKeyFile</c>. Each has its own bearer scheme; with several, a
/// policy scheme picks the one whose issuer the token names (a token of another issuer is refused
/// by the first one). Only ES256, RS256 and PS256 signatures and only access tokens are accepted.
/// </summary>
public static class TrustedIssuers
{
    /// <summary>The organisation of the issuer that authenticated the caller.</summary>
    public const string OrganisationClaim = "clspd:organisation";

    /// <summary>One claim per council the issuer's users may act for.</summary>
    public const string CouncilClaim = "clspd:council";

    /// <summary>The short name of the trusted issuer (<c>Auth:Issuers:{name}</c>).</summary>
    public const string IssuerClaim = "clspd:issuer";

    /// <summary>Present when the issuer may issue service identities (<see cref="TrustedIssuerOptions.IssuesServiceIdentities"/>).</summary>
    public const string ServiceIssuerClaim = "clspd:service-issuer";

    /// <summary>Present when the issuer's subjects may be bootstrap administrators (<see cref="TrustedIssuerOptions.IssuesAdministrators"/>).</summary>
    public const string AdministratorIssuerClaim = "clspd:administrator-issuer";

    /// <summary>The name of the single issuer when <c>Auth:Issuers</c> is empty.</summary>
    public const string DefaultName = "default";

    /// <summary>The algorithms that may be allowed: asymmetric, no <c>none</c>, no shared secret.</summary>
    public static readonly IReadOnlyList<string> StrongAlgorithms =
        [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSsaPssSha256];

    /// <summary>The trusted issuers by name.</summary>
    public static IReadOnlyDictionary<string, TrustedIssuerOptions> Of(AuthOptions auth)
    {
        if (auth.Issuers.Count > 0)
        {
            return auth.Issuers;
        }

        var oidc = !string.IsNullOrWhiteSpace(auth.Authority);
        return new Dictionary<string, TrustedIssuerOptions>(StringComparer.Ordinal)
        {
            [DefaultName] = new()
            {
                Authority = oidc ? auth.Authority : null, Issuer = oidc ? null : auth.Issuer, KeyFile = oidc ? null : auth.IssuerKeyFile,
                Audience = auth.Audience, RequireHttpsMetadata = auth.RequireHttpsMetadata, IssuesServiceIdentities = true, IssuesAdministrators = true,
            },
        };
    }

    /// <summary>What is wrong with the issuers' configuration, or null.</summary>
    public static string? Problem(AuthOptions auth)
    {
        foreach (var algorithm in auth.Algorithms)
        {
            if (!StrongAlgorithms.Contains(algorithm, StringComparer.Ordinal))
            {
                return $"Auth:Algorithms: {algorithm} is not accepted; allowed are {string.Join(", ", StrongAlgorithms)}";
            }
        }

        if (auth.Issuers.Count == 0)
        {
            return string.IsNullOrWhiteSpace(auth.Authority) && string.IsNullOrWhiteSpace(auth.IssuerKeyFile)
                ? "Auth:Authority (OIDC) or Auth:IssuerKeyFile (local issuer public key), or Auth:Issuers, is required"
                : null;
        }

        foreach (var (name, issuer) in auth.Issuers)
        {
            if (string.IsNullOrWhiteSpace(issuer.Authority) == string.IsNullOrWhiteSpace(issuer.KeyFile))
            {
                return $"Auth:Issuers:{name}: exactly one of Authority (OIDC) and KeyFile (public key PEM) is required";
            }

            if (!string.IsNullOrWhiteSpace(issuer.KeyFile) && string.IsNullOrWhiteSpace(issuer.Issuer))
            {
                return $"Auth:Issuers:{name}:Issuer (the tokens' iss) is required with a KeyFile";
            }

            if (string.IsNullOrWhiteSpace(issuer.Audience ?? auth.Audience))
            {
                return $"Auth:Issuers:{name}:Audience (or Auth:Audience) is required";
            }
        }

        return null;
    }

    /// <summary>Registers one bearer scheme per configured issuer, and the policy scheme choosing between them.</summary>
    public static AuthenticationBuilder AddTrustedIssuers(this AuthenticationBuilder authentication, IEnumerable<string> configuredNames)
    {
        var names = configuredNames.ToList();
        var services = authentication.Services;
        // What AddJwtBearer registers, with the handler that answers a token already authenticated from the cache.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<JwtBearerOptions>, JwtBearerPostConfigureOptions>());
        if (names.Count == 0)
        {
            authentication.AddScheme<JwtBearerOptions, CachingBearerHandler>(JwtBearerDefaults.AuthenticationScheme, null, null);
            Configure(services, JwtBearerDefaults.AuthenticationScheme, null);
            return authentication;
        }

        foreach (var name in names)
        {
            authentication.AddScheme<JwtBearerOptions, CachingBearerHandler>(SchemeOf(name), null, null);
            Configure(services, SchemeOf(name), name);
        }

        authentication.AddPolicyScheme(JwtBearerDefaults.AuthenticationScheme, "Bearer (trusted issuers)", o =>
            o.ForwardDefaultSelector = context => SelectScheme(context, names));
        return authentication;
    }

    private static string SchemeOf(string name) => JwtBearerDefaults.AuthenticationScheme + ":" + name;

    private static string SelectScheme(HttpContext context, List<string> names)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!CachingBearerHandler.TryReadToken(header, out var start, out var length))
        {
            // No bearer token: the first scheme refuses the call.
            return SchemeOf(names[0]);
        }

        var token = header.AsSpan(start, length);
        // A token one of the schemes has already authenticated goes back to it without being parsed.
        if (CachingBearerHandler.SchemeOf(context.RequestServices.GetRequiredService<ValidatedTokenCache>(), token) is { } known)
        {
            return known;
        }

        string iss;
        try
        {
            iss = new JsonWebToken(token.ToString()).Issuer;
        }
        catch (ArgumentException)
        {
            // Not a JWT: the first scheme refuses it.
            return SchemeOf(names[0]);
        }

        var auth = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        foreach (var name in names)
        {
            var issuer = auth.Issuers[name];
            if (SameIssuer(iss, issuer.Issuer ?? issuer.Authority))
            {
                return SchemeOf(name);
            }
        }

        return SchemeOf(names[0]);
    }

    private static bool SameIssuer(string a, string? b) =>
        b is not null && string.Equals(a.TrimEnd('/'), b.TrimEnd('/'), StringComparison.Ordinal);

    private static void Configure(IServiceCollection services, string scheme, string? name) =>
        services.AddOptions<JwtBearerOptions>(scheme).Configure<IOptions<AuthOptions>, ValidatedTokenCache>((jwt, auth, cache) =>
        {
            var issuerName = name ?? DefaultName;
            ConfigureJwt(jwt, auth.Value, issuerName, Of(auth.Value)[issuerName], cache);
        });

    private static void ConfigureJwt(JwtBearerOptions jwt, AuthOptions auth, string name, TrustedIssuerOptions issuer, ValidatedTokenCache cache)
    {
        jwt.MapInboundClaims = false;
        // Nothing reads the token back from the authentication properties (a call forwards its own header): not copied there on every call.
        jwt.SaveToken = false;
        // Each hop still requires a valid token (GW-1); a token already verified is not verified again.
        jwt.TokenHandlers.Clear();
        jwt.TokenHandlers.Add(new CachingTokenHandler(new JsonWebTokenHandler { MapInboundClaims = false }, cache));
        var audience = issuer.Audience ?? auth.Audience;
        var parameters = jwt.TokenValidationParameters;
        jwt.Audience = audience;
        parameters.ValidAudience = audience;
        parameters.ClockSkew = TimeSpan.FromSeconds(30);
        parameters.NameClaimType = "sub";
        parameters.ValidAlgorithms = auth.Algorithms.Count == 0 ? [.. StrongAlgorithms] : [.. auth.Algorithms];
        var keyFile = !string.IsNullOrWhiteSpace(issuer.KeyFile);
        if (keyFile)
        {
            parameters.ValidIssuer = issuer.Issuer;
            parameters.IssuerSigningKey = LocalIssuer.ReadAnyValidationKey(issuer.KeyFile!);
        }
        else
        {
            jwt.Authority = issuer.Authority;
            jwt.RequireHttpsMetadata = issuer.RequireHttpsMetadata;
            if (!string.IsNullOrWhiteSpace(issuer.Issuer))
            {
                parameters.ValidIssuer = issuer.Issuer;
            }
        }

        // Key-file issuers require at+jwt unless told otherwise; an empty setting requires no header type.
        var requiredType = issuer.AccessTokenType is null
            ? (keyFile ? LocalIssuer.AccessTokenType : null)
            : (string.IsNullOrWhiteSpace(issuer.AccessTokenType) ? null : issuer.AccessTokenType);
        parameters.TypeValidator = (type, token, _) => AccessTokenOnly(type, token, requiredType);

        jwt.Events = new JwtBearerEvents
        {
            OnAuthenticationFailed = AuthenticationFailureLog.OnAuthenticationFailedAsync,
            OnChallenge = context =>
            {
                var json = GrpcResponses.IsJson(context.Request);
                if (!GrpcResponses.IsGrpc(context.Request) && !json)
                {
                    return Task.CompletedTask;
                }

                context.HandleResponse();
                if (json)
                {
                    // 401 with the JSON body naming GW-1, and the scheme as HTTP clients expect it.
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                }

                var message = context.AuthenticateFailure is null
                    ? "GW-1: a bearer token is required (authorization: Bearer <token>)"
                    : "GW-1: the bearer token is invalid or expired";
                return GrpcResponses.WriteStatusAsync(context.Response, Grpc.Core.StatusCode.Unauthenticated, message);
            },
            OnTokenValidated = context =>
            {
                Bind(context, name, issuer);
                return Task.CompletedTask;
            },
        };
    }

    /// <summary>Refuses ID tokens (and, when required, anything not typed as an access token).</summary>
    internal static string AccessTokenOnly(string? type, SecurityToken token, string? requiredType)
    {
        if (requiredType is not null &&
            !string.Equals(type, requiredType, StringComparison.OrdinalIgnoreCase) &&
            !string.Equals(type, "application/" + requiredType, StringComparison.OrdinalIgnoreCase))
        {
            throw new SecurityTokenInvalidTypeException($"GW-1: the token's typ is '{type}', an access token ({requiredType}) is required") { InvalidType = type };
        }

        if (token is JsonWebToken jwt &&
            ((jwt.TryGetPayloadValue<string>("typ", out var typ) && string.Equals(typ, "ID", StringComparison.OrdinalIgnoreCase)) ||
             (jwt.TryGetPayloadValue<string>("token_use", out var use) && string.Equals(use, "id", StringComparison.OrdinalIgnoreCase)) ||
             string.Equals(type, "id_token", StringComparison.OrdinalIgnoreCase)))
        {
            throw new SecurityTokenInvalidTypeException("GW-1: an ID token is not an access token") { InvalidType = type };
        }

        return type ?? string.Empty;
    }

    /// <summary>The person's subject from the issuer's stable claim, and the organisation and councils the issuer is bound to.</summary>
    private static void Bind(TokenValidatedContext context, string name, TrustedIssuerOptions issuer)
    {
        if (context.Principal?.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        if (!string.Equals(issuer.SubjectClaim, "sub", StringComparison.Ordinal))
        {
            var stable = identity.FindFirst(issuer.SubjectClaim)?.Value;
            if (string.IsNullOrEmpty(stable))
            {
                context.Fail($"GW-1: the token has no {issuer.SubjectClaim} claim, which identifies the person for this issuer");
                return;
            }

            foreach (var sub in identity.FindAll("sub").ToList())
            {
                identity.RemoveClaim(sub);
            }

            identity.AddClaim(new Claim("sub", stable));
        }

        identity.AddClaim(new Claim(IssuerClaim, name));
        if (issuer.IssuesServiceIdentities)
        {
            identity.AddClaim(new Claim(ServiceIssuerClaim, "true"));
        }

        if (issuer.IssuesAdministrators)
        {
            identity.AddClaim(new Claim(AdministratorIssuerClaim, "true"));
        }

        if (!string.IsNullOrWhiteSpace(issuer.Organisation))
        {
            identity.AddClaim(new Claim(OrganisationClaim, issuer.Organisation));
        }

        foreach (var council in issuer.Councils)
        {
            identity.AddClaim(new Claim(CouncilClaim, council));
        }
    }
}
