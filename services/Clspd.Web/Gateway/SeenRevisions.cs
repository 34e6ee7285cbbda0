using System.Security.Claims;
using Clspd.Web.Hosting;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Clspd.Web.Gateway;

/// <summary>
/// Keeps each signed-in session's <see cref="SessionRevisions"/> on the server, under the session's
/// random id (claim <see cref="SessionClaim"/>, set at sign-in and kept in the server-side ticket),
/// for at most the session's lifetime. Nothing of it reaches the browser.
/// </summary>
public sealed class SeenRevisions(IMemoryCache cache, IOptions<WebOptions> options)
{
    /// <summary>The claim that names a signed-in session (random, one per sign-in).</summary>
    public const string SessionClaim = "clspd_session";

    private const string Prefix = "clspd.web.revisions:";

    // GetOrCreate alone may create twice under concurrent requests of one session, and lose a revision.
    private readonly Lock _creating = new();

    /// <summary>
    /// At sign-in, names the new session with a random id, kept in the server-side ticket with the
    /// other claims: the key of the session's revisions here, never shown to the browser.
    /// </summary>
    public static Task NameSessionAsync(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        (context.Principal?.Identity as ClaimsIdentity)?.AddClaim(new Claim(SessionClaim, Guid.NewGuid().ToString("N")));
        return Task.CompletedTask;
    }

    /// <summary>The revisions of <paramref name="user"/>'s session; a fresh, unkept set when there is no session.</summary>
    public SessionRevisions Of(ClaimsPrincipal? user)
    {
        var session = user?.FindFirst(SessionClaim)?.Value;
        if (string.IsNullOrEmpty(session))
        {
            return new SessionRevisions();
        }

        ArgumentNullException.ThrowIfNull(options);
        lock (_creating)
        {
            return cache.GetOrCreate(Prefix + session, entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = options.Value.SessionLifetime;
                return new SessionRevisions();
            })!;
        }
    }

    /// <summary>Forgets the revisions of <paramref name="user"/>'s session (at sign-out).</summary>
    public void Forget(ClaimsPrincipal? user)
    {
        if (user?.FindFirst(SessionClaim)?.Value is { Length: > 0 } session)
        {
            cache.Remove(Prefix + session);
        }
    }
}
