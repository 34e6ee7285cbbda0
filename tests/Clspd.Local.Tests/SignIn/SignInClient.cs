using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Clspd.Local.SignIn;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.Local.Tests.SignIn;

/// <summary>What the console's OpenID Connect handler does against the development sign-in, one step at a time, without following redirects.</summary>
public sealed partial class SignInClient(Uri provider, Uri redirectUri) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = provider };

    public string Verifier { get; } = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    public HttpClient Http => _http;

    /// <summary>The parameters of a valid authorization request; a test replaces one to break it.</summary>
    public Dictionary<string, string> AuthorizeParameters(string nonce = "nonce-1") => new()
    {
        ["client_id"] = SignInProviderOptions.ConsoleClientId,
        ["redirect_uri"] = redirectUri.ToString(),
        ["response_type"] = "code",
        ["scope"] = "openid profile",
        ["state"] = "state-1",
        ["nonce"] = nonce,
        ["code_challenge"] = Pkce.ChallengeOf(Verifier),
        ["code_challenge_method"] = Pkce.S256,
    };

    public Task<HttpResponseMessage> GetAuthorizeAsync(Dictionary<string, string> parameters) =>
        _http.GetAsync("/authorize?" + string.Join("&", parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")), TestContext.Current.CancellationToken);

    /// <summary>Chooses a subject on the sign-in page; returns the provider's answer (a redirect to the client in query mode).</summary>
    public Task<HttpResponseMessage> ChooseAsync(Dictionary<string, string> parameters, string subject) =>
        _http.PostAsync("/authorize", new FormUrlEncodedContent(parameters.Append(new("subject", subject))), TestContext.Current.CancellationToken);

    /// <summary>Signs in as a subject and returns the authorization code handed back to the redirect URI.</summary>
    public async Task<string> CodeForAsync(string subject, string nonce = "nonce-1")
    {
        using var answer = await ChooseAsync(AuthorizeParameters(nonce), subject);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var location = answer.Headers.Location!;
        Assert.StartsWith(redirectUri.ToString() + "?", location.ToString(), StringComparison.Ordinal);
        Assert.Contains("state=state-1", location.Query, StringComparison.Ordinal);
        return Uri.UnescapeDataString(CodeParameter().Match(location.Query).Groups["code"].Value);
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> ExchangeAsync(string code, string? verifier = null, string? redirect = null, string clientId = SignInProviderOptions.ConsoleClientId)
    {
        using var answer = await _http.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirect ?? redirectUri.ToString(),
            ["client_id"] = clientId,
            ["code_verifier"] = verifier ?? Verifier,
        }), TestContext.Current.CancellationToken);
        var body = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (answer.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>The tokens of a full sign-in as a subject.</summary>
    public async Task<(string AccessToken, string IdToken)> SignInAsync(string subject, string nonce = "nonce-1")
    {
        var (status, body) = await ExchangeAsync(await CodeForAsync(subject, nonce));
        Assert.Equal(HttpStatusCode.OK, status);
        return (body.GetProperty("access_token").GetString()!, body.GetProperty("id_token").GetString()!);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("[?&]code=(?<code>[^&]+)")]
    private static partial Regex CodeParameter();
}
