using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.ServiceDefaults.Auth;

/// <summary>
/// The bearer token handler of every service and of the gateway: full validation by the inner
/// handler the first time a token is seen, then the <see cref="ValidatedTokenCache"/> until the
/// token's <c>exp</c>. Whether cached or not, a token is refused from its <c>exp</c> on (by the
/// cache's clock), and a cached token is refused again if its signing key is no longer trusted.
/// </summary>
public sealed class CachingTokenHandler(TokenHandler inner, ValidatedTokenCache cache) : TokenHandler
{
    public ValidatedTokenCache Cache => cache;

    public override SecurityToken ReadToken(string token) => inner.ReadToken(token);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(validationParameters);
        var key = ValidatedTokenCache.KeyOf(token);
        if (cache.TryGet(key, token, out var entry, out var expired))
        {
            if (await IsTrustedAsync(entry.SigningKey, validationParameters, validationParameters.ConfigurationManager, CancellationToken.None))
            {
                return new TokenValidationResult
                {
                    IsValid = true,
                    SecurityToken = entry.SecurityToken,
                    ClaimsIdentity = entry.Identity.Clone(),
                    Issuer = entry.Issuer,
                    TokenType = "JWT",
                };
            }

            // Key rollover: the key that signed it is gone; validate again from scratch.
            cache.Remove(key);
        }
        else if (expired)
        {
            cache.Remove(key);
            return Expired(entry.ExpiresUtc);
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (!result.IsValid)
        {
            return result;
        }

        var expires = result.SecurityToken?.ValidTo ?? DateTime.MinValue;
        if (result.SecurityToken is null || expires == DateTime.MinValue || cache.Clock.GetUtcNow().UtcDateTime >= expires)
        {
            // No expiry, or expired by our clock (the inner handler allows some skew): refused.
            return Expired(expires);
        }

        if (result.SecurityToken is JsonWebToken { SigningKey: { } signingKey } && result.ClaimsIdentity is { } identity)
        {
            cache.Add(key, new ValidatedTokenCache.Entry(token, expires, signingKey, result.SecurityToken, identity.Clone(), result.Issuer));
        }

        return result;
    }

    /// <summary>
    /// Whether a cached token's signing key is still trusted: one of the validation keys, or of the OIDC issuer's
    /// current metadata (a refresh that drops the key drops the token). <see cref="CachingBearerHandler"/> asks too.
    /// </summary>
    internal static async ValueTask<bool> IsTrustedAsync(SecurityKey signingKey, TokenValidationParameters parameters, BaseConfigurationManager? metadata, CancellationToken ct)
    {
        if (ReferenceEquals(parameters.IssuerSigningKey, signingKey) || Contains(parameters.IssuerSigningKeys, signingKey))
        {
            return true;
        }

        if (metadata is not null)
        {
            var configuration = await metadata.GetBaseConfigurationAsync(ct);
            return Contains(configuration?.SigningKeys, signingKey);
        }

        return false;
    }

    /// <summary>Whether the key is one of these very keys (a reloaded or refreshed key is another one).</summary>
    internal static bool Contains(IEnumerable<SecurityKey>? keys, SecurityKey signingKey)
    {
        if (keys is null)
        {
            return false;
        }

        foreach (var k in keys)
        {
            if (ReferenceEquals(k, signingKey))
            {
                return true;
            }
        }

        return false;
    }

    private static TokenValidationResult Expired(DateTime expires) => new()
    {
        IsValid = false,
        Exception = new SecurityTokenExpiredException("GW-1: the bearer token has expired") { Expires = expires },
    };
}
