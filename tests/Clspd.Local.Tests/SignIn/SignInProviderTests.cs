using System.Net;
using System.Text.Json;
using Clspd.Local.SignIn;
using Clspd.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.Local.Tests.SignIn;

public sealed class SignInProviderTests : IAsyncLifetime
{
    private ProviderRun _run = null!;
    private SignInClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _run = await ProviderRun.StartAsync(new KnownSubject("educ-1", "Chloé Martin — Éducatrice spécialisée"));
        _client = _run.Client();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _run.DisposeAsync();
    }

    [Fact]
    public async Task Discovery_IssuerIsTheLocalIssuersName_EndpointsOnTheProvider()
    {
        var document = await GetJsonAsync("/.well-known/openid-configuration");

        Assert.Equal(LocalIssuer.DefaultIssuer, document.GetProperty("issuer").GetString());
        Assert.Equal($"{_run.Provider.Address.ToString().TrimEnd('/')}/token", document.GetProperty("token_endpoint").GetString());
        Assert.Equal(["S256"], document.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Authorize_Get_FrenchPageListsAdminAndTheRegisteredSubjects()
    {
        using var answer = await _client.GetAuthorizeAsync(_client.AuthorizeParameters());
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Contains("value=\"admin\"", html, StringComparison.Ordinal);
        Assert.Contains("Chloé Martin — Éducatrice spécialisée (educ-1)", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("<label for=\"subject\">", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("code_challenge_method", "plain", "PKCE with S256 is required")]
    [InlineData("code_challenge", "too-short", "code_challenge must be")]
    [InlineData("redirect_uri", "http://127.0.0.1:5090/elsewhere", "is not the registered redirect URI")]
    [InlineData("client_id", "another-client", "is not a registered client")]
    [InlineData("response_type", "token", "only the authorization code flow")]
    public async Task Authorize_BadParameter_RefusedWithoutRedirect(string name, string value, string reason)
    {
        var parameters = _client.AuthorizeParameters();
        parameters[name] = value;

        using var shown = await _client.GetAuthorizeAsync(parameters);
        using var chosen = await _client.ChooseAsync(parameters, "admin");

        Assert.Equal(HttpStatusCode.BadRequest, shown.StatusCode);
        Assert.Contains(reason, await shown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, chosen.StatusCode);
        Assert.Null(chosen.Headers.Location);
    }

    [Fact]
    public async Task Authorize_WithoutChallenge_Refused()
    {
        var parameters = _client.AuthorizeParameters();
        parameters.Remove("code_challenge");
        parameters.Remove("code_challenge_method");

        using var answer = await _client.GetAuthorizeAsync(parameters);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }

    [Fact]
    public async Task Token_ValidExchange_AccessTokenAsLocalIssuerMintsAndIdTokenForTheClient()
    {
        var (accessToken, idToken) = await _client.SignInAsync("educ-1", nonce: "n-42");
        var keys = new JsonWebKeySet((await GetJsonAsync("/jwks")).GetRawText()).GetSigningKeys();
        var handler = new JsonWebTokenHandler();

        var access = await handler.ValidateTokenAsync(accessToken, new TokenValidationParameters
        {
            ValidIssuer = LocalIssuer.DefaultIssuer, ValidAudience = LocalIssuer.DefaultAudience, IssuerSigningKeys = keys,
            ValidTypes = [LocalIssuer.AccessTokenType],
        });
        var id = await handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuer = LocalIssuer.DefaultIssuer, ValidAudience = SignInProviderOptions.ConsoleClientId, IssuerSigningKeys = keys, ValidTypes = ["JWT"],
        });

        Assert.True(access.IsValid, access.Exception?.Message);
        Assert.Equal("educ-1", access.Claims["sub"]);
        Assert.True(id.IsValid, id.Exception?.Message);
        Assert.Equal("educ-1", id.Claims["sub"]);
        Assert.Equal("n-42", id.Claims["nonce"]);
    }

    [Fact]
    public async Task Token_WrongVerifier_InvalidGrant()
    {
        var code = await _client.CodeForAsync("admin");

        var (status, body) = await _client.ExchangeAsync(code, verifier: new string('a', 43));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.Contains("code_verifier does not match", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_CodeUsedTwice_SecondRefused()
    {
        var code = await _client.CodeForAsync("admin");

        var (first, _) = await _client.ExchangeAsync(code);
        var (second, body) = await _client.ExchangeAsync(code);

        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal(HttpStatusCode.BadRequest, second);
        Assert.Equal("the code is unknown, already used or expired", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Token_CodeAfterItsLifetime_Refused()
    {
        var code = await _client.CodeForAsync("admin");
        _run.Clock.Advance(TimeSpan.FromMinutes(1));

        var (status, body) = await _client.ExchangeAsync(code);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("the code is unknown, already used or expired", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Token_RedirectUriOtherThanTheRequests_Refused()
    {
        var code = await _client.CodeForAsync("admin");

        var (status, body) = await _client.ExchangeAsync(code, redirect: "http://127.0.0.1:5090/elsewhere");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("redirect_uri differs from the authorization request's", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Authorize_FormPostMode_PostsTheCodeToTheRedirectUri()
    {
        var parameters = _client.AuthorizeParameters();
        parameters["response_mode"] = "form_post";

        using var answer = await _client.ChooseAsync(parameters, "admin");
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains($"<form method=\"post\" action=\"{_run.RedirectUri}\">", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("name=\"code\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndSession_RegisteredAddress_SentBackWithState_OtherwisePlainPage()
    {
        using var registered = await _client.Http.GetAsync(
            $"/endsession?post_logout_redirect_uri={Uri.EscapeDataString(ProviderRun.PostLogoutRedirectUri.ToString())}&state=s-9", TestContext.Current.CancellationToken);
        using var other = await _client.Http.GetAsync("/endsession?post_logout_redirect_uri=http%3A%2F%2Fevil.example%2F", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal($"{ProviderRun.PostLogoutRedirectUri}?state=s-9", registered.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Null(other.Headers.Location);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5091")]
    [InlineData("http://192.0.2.10:5091")]
    [InlineData("http://localhost:5091")]
    [InlineData("https://127.0.0.1:5091")]
    public async Task StartAsync_NotALoopbackAddress_Refused(string listen)
    {
        using var data = new TempDirectory();

        var e = await Assert.ThrowsAsync<LocalStackException>(() => SignInProvider.StartAsync(new SignInProviderOptions
        {
            Listen = new Uri(listen), DataDirectory = data.Path, RedirectUri = new Uri("http://127.0.0.1:5090/signin-oidc"),
        }, TestContext.Current.CancellationToken));

        Assert.StartsWith("the development sign-in listens on loopback only", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2.10", StatusCodes.Status403Forbidden)]
    [InlineData("::ffff:192.0.2.10", StatusCodes.Status403Forbidden)]
    [InlineData("127.0.0.1", StatusCodes.Status200OK)]
    [InlineData("::1", StatusCodes.Status200OK)]
    [InlineData("::ffff:127.0.0.1", StatusCodes.Status200OK)]
    public async Task LoopbackOnly_RemoteAddress_NonLoopbackForbidden(string remote, int expected)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        context.Response.Body = new MemoryStream();
        var reached = false;

        await LoopbackOnly.InvokeAsync(context, _ =>
        {
            reached = true;
            return Task.CompletedTask;
        });

        Assert.Equal(expected, context.Response.StatusCode);
        Assert.Equal(expected == StatusCodes.Status200OK, reached);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var text = await _client.Http.GetStringAsync(path, TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
