using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Clspd.Web.SignIn;

/// <summary>
/// Ends the session once the saved access token has expired: the next page that needs sign-in sends
/// the person to the authority again (no refresh token is kept).
/// </summary>
public static class AccessTokenExpiry
{
    /// <summary>Whether the session's access token is missing or expired at <paramref name="now"/>.</summary>
    public static bool Expired(AuthenticationProperties properties, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(properties);
        if (string.IsNullOrEmpty(properties.GetTokenValue("access_token")))
        {
            return true;
        }

        var expiresAt = properties.GetTokenValue("expires_at");
        return expiresAt is not null &&
               DateTimeOffset.TryParse(expiresAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expires) &&
               expires <= now;
    }

    /// <summary>The cookie handler's check on every request.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (Expired(context.Properties, clock.GetUtcNow()))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}
