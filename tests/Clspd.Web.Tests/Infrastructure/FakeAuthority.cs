using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.Web.Tests.Infrastructure;

/// <summary>
/// The OpenID Connect provider as the console's back channel sees it: its metadata, its signing key
/// and a token endpoint that exchanges the codes the test issued for an id token and an access token.
/// It keeps the token requests so that tests can check PKCE's code_verifier.
/// </summary>
public sealed class FakeAuthority : HttpMessageHandler
{
    public const string Issuer = "https://idp.example.test";

    public const string ClientId = "clspd-web";

    private readonly ECDsaSecurityKey _key = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "test" };
    private readonly ConcurrentDictionary<string, Grant> _grants = new(StringComparer.Ordinal);

    public OpenIdConnectConfiguration Configuration { get; }

    /// <summary>The form fields of every token request received.</summary>
    public ConcurrentQueue<Dictionary<string, string>> TokenRequests { get; } = new();

    public FakeAuthority()
    {
        Configuration = new OpenIdConnectConfiguration
        {
            Issuer = Issuer,
            AuthorizationEndpoint = Issuer + "/authorize",
            TokenEndpoint = Issuer + "/token",
            EndSessionEndpoint = Issuer + "/logout",
        };
        Configuration.SigningKeys.Add(_key);
    }

    /// <summary>Issues a code for the next callback: the person <paramref name="subject"/> with this access token.</summary>
    public string IssueCode(string subject, string nonce, string accessToken, int expiresInSeconds)
    {
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        _grants[code] = new Grant(subject, nonce, accessToken, expiresInSeconds);
        return code;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.AbsoluteUri != Configuration.TokenEndpoint || request.Content is null)
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound);
        }

        var form = (await request.Content.ReadAsStringAsync(cancellationToken)).Split('&')
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => WebUtility.UrlDecode(p[0]), p => WebUtility.UrlDecode(p.Length > 1 ? p[1] : string.Empty), StringComparer.Ordinal);
        TokenRequests.Enqueue(form);
        if (!form.TryGetValue("code", out var code) || !_grants.TryRemove(code, out var grant))
        {
            return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("{\"error\":\"invalid_grant\"}", Encoding.UTF8, "application/json") };
        }

        var now = DateTime.UtcNow;
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = ClientId,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["sub"] = grant.Subject, ["name"] = "Camille Test", ["nonce"] = grant.Nonce },
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.EcdsaSha256),
        });
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["access_token"] = grant.AccessToken,
            ["id_token"] = idToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = grant.ExpiresIn,
        });
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _key.ECDsa.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed record Grant(string Subject, string Nonce, string AccessToken, int ExpiresIn);
}
