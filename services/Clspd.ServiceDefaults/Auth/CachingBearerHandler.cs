using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.ServiceDefaults.Auth;

/// <summary>
/// The bearer scheme of each trusted issuer: ASP.NET Core's JWT bearer handler, except for a token
/// this scheme has already authenticated. Such a token is answered from the
/// <see cref="ValidatedTokenCache"/>: the identity bound the first time (subject, issuer,
/// organisation, councils; <see cref="TrustedIssuers"/>) in a principal of the call's own, without
/// copying the validation parameters, cloning the claims or binding them again. The same conditions
/// hold as for a full validation (GW-1): the token is refused from its <c>exp</c> on, and validated
/// again from scratch once its signing key is no longer trusted. A call without a token, a token
/// never seen, or one the cache could not hold takes the full path.
/// </summary>
public sealed class CachingBearerHandler(IOptionsMonitor<JwtBearerOptions> options, ILoggerFactory logger, UrlEncoder encoder, ValidatedTokenCache cache)
    : JwtBearerHandler(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!TryReadToken(header, out var start, out var length))
        {
            return await base.HandleAuthenticateAsync();
        }

        var token = header.AsMemory(start, length);
        var key = ValidatedTokenCache.KeyOf(token.Span);
        if (cache.TryGet(key, token.Span, out var entry, out _) &&
            entry.Authenticated is { } known && string.Equals(known.Scheme, Scheme.Name, StringComparison.Ordinal) &&
            // A metadata source other than the usual configuration manager is left to the full path.
            await CachingTokenHandler.IsTrustedAsync(entry.SigningKey, Options.TokenValidationParameters, Options.ConfigurationManager as BaseConfigurationManager, Context.RequestAborted))
        {
            // The principal is the call's own (a peer certificate's identity may be added to it); the bound identity is shared, read-only.
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(known.Identity), Scheme.Name));
        }

        var result = await base.HandleAuthenticateAsync();
        if (result.Succeeded && result.Principal.Identity is ClaimsIdentity bound && cache.TryGet(key, token.Span, out entry, out _))
        {
            // A copy: the identity of this call stays its own.
            entry.Authenticated = new ValidatedTokenCache.Authentication(Scheme.Name, bound.Clone());
        }

        return result;
    }

    /// <summary>Where the token of an <c>Authorization: Bearer</c> header lies, as the JWT bearer handler reads it.</summary>
    public static bool TryReadToken(string header, out int start, out int length)
    {
        const string Bearer = "Bearer ";
        start = 0;
        length = 0;
        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = header.AsSpan(Bearer.Length);
        var trimmed = token.Trim();
        if (trimmed.IsEmpty)
        {
            return false;
        }

        start = Bearer.Length + (token.Length - token.TrimStart().Length);
        length = trimmed.Length;
        return true;
    }

    /// <summary>The scheme that authenticated this token, if a cached entry says so.</summary>
    internal static string? SchemeOf(ValidatedTokenCache cache, ReadOnlySpan<char> token) =>
        cache.TryGet(ValidatedTokenCache.KeyOf(token), token, out var entry, out _) ? entry.Authenticated?.Scheme : null;
}
