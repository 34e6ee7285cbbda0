using System.Net;
using System.Text;
using Clspd.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Clspd.Local.SignIn;

/// <summary>
/// The local stack's development OpenID Connect provider, on loopback only: discovery, JWKS,
/// <c>/authorize</c> (authorization code, PKCE S256 required, the registered client's redirect URI
/// only, a French page to choose the subject), <c>/token</c> (one-use short-lived codes checked
/// against the verifier) and <c>/endsession</c>. It signs with the local issuer of the data directory.
/// </summary>
/// <remarks>
/// One issuer name everywhere: the discovery document's <c>issuer</c> is the local issuer's name
/// (<c>clspd-local</c>), not this provider's URL. The services already trust that name with the
/// key file (<c>Auth:Issuer</c>, <c>Auth:IssuerKeyFile</c>), so the access tokens handed out here are
/// the very tokens <see cref="LocalIssuer.Mint"/> makes and need no second trust entry; and the
/// console's OpenID Connect handler (Microsoft.IdentityModel) validates the ID token's <c>iss</c>
/// against the discovery document's <c>issuer</c>, which is that same name.
/// </remarks>
public sealed class SignInProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly LocalIssuer _issuer;

    private SignInProvider(WebApplication app, LocalIssuer issuer, Uri address)
    {
        _app = app;
        _issuer = issuer;
        Address = address;
    }

    /// <summary>The provider's address (its OpenID Connect authority), without a trailing slash.</summary>
    public Uri Address { get; }

    /// <summary>Starts listening; refuses an address that is not http:// on a loopback IP.</summary>
    public static async Task<SignInProvider> StartAsync(SignInProviderOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!LoopbackOnly.IsLoopbackListen(options.Listen))
        {
            throw new LocalStackException($"the development sign-in listens on loopback only (http://127.0.0.1:port), not on {options.Listen}");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(SignInProvider).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Parse(options.Listen.Host.Trim('[', ']')), options.Listen.Port));
        var app = builder.Build();
        var issuer = LocalIssuer.EnsureCreated(options.DataDirectory);
        var address = new Uri(options.Listen.GetLeftPart(UriPartial.Authority));
        app.Use(LoopbackOnly.InvokeAsync);
        Map(app, options, issuer, address.ToString().TrimEnd('/'));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            issuer.Dispose();
            await app.DisposeAsync();
            throw new LocalStackException($"the development sign-in could not listen on {address}: {e.Message}");
        }

        return new SignInProvider(app, issuer, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _issuer.Dispose();
    }

    private static void Map(WebApplication app, SignInProviderOptions options, LocalIssuer issuer, string baseAddress)
    {
        var codes = new AuthorizationCodes(options.Clock);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Issuer,
            ["authorization_endpoint"] = $"{baseAddress}/authorize",
            ["token_endpoint"] = $"{baseAddress}/token",
            ["jwks_uri"] = $"{baseAddress}/jwks",
            ["end_session_endpoint"] = $"{baseAddress}/endsession",
            ["response_types_supported"] = Values("code"),
            ["response_modes_supported"] = Values("query", "form_post"),
            ["grant_types_supported"] = Values("authorization_code"),
            ["subject_types_supported"] = Values("public"),
            ["id_token_signing_alg_values_supported"] = Values("ES256"),
            ["code_challenge_methods_supported"] = Values(Pkce.S256),
            ["scopes_supported"] = Values("openid", "profile"),
            ["token_endpoint_auth_methods_supported"] = Values("none", "client_secret_post", "client_secret_basic"),
            ["claims_supported"] = Values("sub", "name", "nonce", "auth_time"),
        }));
        app.MapGet("/jwks", () =>
        {
            var key = issuer.PublicJsonWebKey();
            var jwk = new Dictionary<string, string> { ["kty"] = key.Kty, ["crv"] = key.Crv, ["x"] = key.X, ["y"] = key.Y, ["kid"] = key.Kid, ["use"] = key.Use, ["alg"] = key.Alg };
            return Results.Json(new Dictionary<string, object> { ["keys"] = new List<Dictionary<string, string>> { jwk } });
        });
        app.MapGet("/authorize", (HttpRequest http) =>
        {
            var request = AuthorizationRequest.From(name => http.Query[name].FirstOrDefault());
            return request.Problem(options) is { } problem
                ? Page(SignInPages.Refused(problem), StatusCodes.Status400BadRequest)
                : Page(SignInPages.Chooser(request, options.Subjects()), StatusCodes.Status200OK);
        });
        app.MapPost("/authorize", async (HttpRequest http) =>
        {
            var form = await http.ReadFormAsync(http.HttpContext.RequestAborted);
            var request = AuthorizationRequest.From(name => form[name].FirstOrDefault());
            var subject = form["subject"].FirstOrDefault()?.Trim();
            if ((request.Problem(options) ?? (string.IsNullOrEmpty(subject) ? "subject: choose who signs in" : null)) is { } problem)
            {
                return Page(SignInPages.Refused(problem), StatusCodes.Status400BadRequest);
            }

            var code = codes.Issue(new CodeGrant(request.ClientId!, request.RedirectUri!, subject!, request.Nonce, request.CodeChallenge!,
                options.Clock.GetUtcNow() + options.CodeLifetime));
            (string, string?)[] answer = [("code", code), ("state", request.State), ("iss", issuer.Issuer)];
            return request.IsFormPost
                ? Page(SignInPages.FormPost(request.RedirectUri!, answer), StatusCodes.Status200OK)
                : Results.Redirect(WithQuery(request.RedirectUri!, answer));
        }).DisableAntiforgery();
        app.MapPost("/token", async (HttpRequest http) =>
        {
            var form = await http.ReadFormAsync(http.HttpContext.RequestAborted);
            http.HttpContext.Response.Headers.CacheControl = "no-store";
            if (form["grant_type"].FirstOrDefault() != "authorization_code")
            {
                return TokenError("unsupported_grant_type", "only authorization_code is supported");
            }

            // Redeemed before anything else is checked: a code presented once is gone, whatever the outcome.
            var grant = codes.Redeem(form["code"].FirstOrDefault());
            var clientId = form["client_id"].FirstOrDefault() ?? BasicClientId(http);
            var problem = grant is null ? "the code is unknown, already used or expired"
                : clientId != grant.ClientId ? "client_id is not the client the code was issued to"
                : form["redirect_uri"].FirstOrDefault() != grant.RedirectUri ? "redirect_uri differs from the authorization request's"
                : !Pkce.Matches(form["code_verifier"].FirstOrDefault(), grant.CodeChallenge) ? "code_verifier does not match the code_challenge (PKCE S256)"
                : null;
            if (problem is not null)
            {
                return TokenError("invalid_grant", problem);
            }

            var now = options.Clock.GetUtcNow();
            return Results.Json(new Dictionary<string, object>
            {
                ["access_token"] = issuer.Mint(grant!.Subject, options.TokenLifetime, now),
                ["token_type"] = "Bearer",
                ["expires_in"] = (int)options.TokenLifetime.TotalSeconds,
                ["id_token"] = issuer.MintIdToken(grant.Subject, grant.ClientId, grant.Nonce, options.TokenLifetime, now),
                ["scope"] = "openid profile",
            });
        }).DisableAntiforgery();
        app.MapMethods("/endsession", [HttpMethods.Get, HttpMethods.Post], async (HttpRequest http) =>
        {
            IFormCollection? form = http.HasFormContentType ? await http.ReadFormAsync(http.HttpContext.RequestAborted) : null;
            string? Read(string name) => form?[name].FirstOrDefault() ?? http.Query[name].FirstOrDefault();
            var back = Read("post_logout_redirect_uri");
            return back is not null && back == options.PostLogoutRedirectUri?.ToString()
                ? Results.Redirect(WithQuery(back, [("state", Read("state"))]))
                : Page(SignInPages.SignedOut(), StatusCodes.Status200OK);
        }).DisableAntiforgery();
    }

    // One discovery value listing several (a params array is built per call, as the document is).
    private static string[] Values(params string[] values) => values;

    private static IResult Page(string html, int status) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    private static IResult TokenError(string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: StatusCodes.Status400BadRequest);

    private static string WithQuery(string uri, IEnumerable<(string Name, string? Value)> parameters) =>
        uri + (uri.Contains('?', StringComparison.Ordinal) ? "&" : "?")
        + string.Join("&", parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));

    // client_secret_basic: the client id is the user name of the Basic credentials.
    private static string? BasicClientId(HttpRequest http)
    {
        var header = http.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            return Uri.UnescapeDataString(decoded.Split(':', 2)[0]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
