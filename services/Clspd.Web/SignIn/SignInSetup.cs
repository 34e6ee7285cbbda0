using Clspd.ServiceDefaults;
using Clspd.Web.Gateway;
using Clspd.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Clspd.Web.SignIn;

/// <summary>
/// Sign-in with OpenID Connect (authorization code with PKCE) and a session cookie that carries only
/// the key of the server-side ticket (<see cref="ServerTicketStore"/>).
/// </summary>
public static class SignInSetup
{
    /// <summary>The name of the session cookie.</summary>
    public const string SessionCookie = "clspd.session";

    public static IServiceCollection AddConsoleSignIn(this IServiceCollection services, WebOptions web)
    {
        ArgumentNullException.ThrowIfNull(web);
        var authority = new Uri(web.Authority!);
        // Cookies without the Secure flag are only acceptable while the console itself is on loopback http.
        var loopbackHttp = Uri.TryCreate(web.Listen, UriKind.Absolute, out var listen) && listen.Scheme == Uri.UriSchemeHttp && TlsFiles.IsLoopback(listen);
        var secure = loopbackHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

        services.AddSessionStore(web);
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<ITicketStore>((cookie, store) => cookie.SessionStore = store);
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(o =>
            {
                o.Cookie.Name = SessionCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = secure;
                o.ExpireTimeSpan = web.SessionLifetime;
                o.SlidingExpiration = false;
                o.AccessDeniedPath = "/acces-refuse";
                o.Events.OnValidatePrincipal = AccessTokenExpiry.ValidateAsync;
            })
            .AddOpenIdConnect(o =>
            {
                o.Authority = web.Authority;
                o.ClientId = web.ClientId;
                o.ClientSecret = string.IsNullOrEmpty(web.ClientSecret) ? null : web.ClientSecret;
                o.ResponseType = OpenIdConnectResponseType.Code;
                // The answer comes back as a top-level GET, so the correlation cookies can stay SameSite=Lax.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.UsePkce = true;
                o.SaveTokens = true;
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.RequireHttpsMetadata = web.RequireHttpsMetadata && !(authority.Scheme == Uri.UriSchemeHttp && TlsFiles.IsLoopback(authority));
                o.Scope.Clear();
                o.Scope.Add("openid");
                foreach (var scope in web.Scopes.Where(s => !string.IsNullOrWhiteSpace(s) && s != "openid"))
                {
                    o.Scope.Add(scope);
                }

                o.TokenValidationParameters.NameClaimType = "name";
                o.CallbackPath = "/signin-oidc";
                o.SignedOutCallbackPath = "/signout-callback-oidc";
                o.SignedOutRedirectUri = "/";
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.CorrelationCookie.SecurePolicy = secure;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SecurePolicy = secure;
                o.Events.OnTokenValidated = SeenRevisions.NameSessionAsync;
            });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "clspd.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
        });
        services.AddAuthorization(o => o.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    /// <summary>
    /// Sessions and data-protection keys (which encrypt the cookies, the anti-forgery tokens and the stored sessions):
    /// under <c>Web:DataDirectory</c> when it is set, so that they outlive a restart; otherwise the sessions in memory
    /// and the keys where ASP.NET Core keeps them by default.
    /// </summary>
    private static void AddSessionStore(this IServiceCollection services, WebOptions web)
    {
        var protection = services.AddDataProtection().SetApplicationName("clspd-web");
        if (string.IsNullOrWhiteSpace(web.DataDirectory))
        {
            services.AddMemoryCache();
            services.AddSingleton<ITicketStore, ServerTicketStore>();
            return;
        }

        var directory = Path.GetFullPath(web.DataDirectory);
        var keys = Path.Combine(directory, "keys");
        foreach (var path in new[] { directory, keys })
        {
            // Only the console's user reads its keys and sessions.
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(path);
            }
            else
            {
                Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        protection.PersistKeysToFileSystem(new DirectoryInfo(keys));
        services.AddSingleton<ITicketStore>(sp => new SqliteTicketStore(directory, sp.GetRequiredService<IDataProtectionProvider>(), sp.GetRequiredService<TimeProvider>()));
    }
}
