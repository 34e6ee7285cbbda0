using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Clspd.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>
/// Several organisations' issuers side by side (GW-1): each token is checked against the issuer it
/// names, bound to that issuer's organisation and councils; only access tokens signed with ES256,
/// RS256 or PS256 pass.
/// </summary>
public sealed class TrustedIssuersTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "clspd-tests", Guid.NewGuid().ToString("N"));
    private readonly Organisation _communeA;
    private readonly Organisation _communeB;

    public TrustedIssuersTests()
    {
        Directory.CreateDirectory(_directory);
        _communeA = new Organisation("https://idp.commune-a.example/realms/agents", Path.Combine(_directory, "a.pub.pem"), rsa: false);
        _communeB = new Organisation("https://idp.commune-b.example/realms/agents", Path.Combine(_directory, "b.pub.pem"), rsa: true);
    }

    [Fact]
    public async Task Call_TwoOrganisations_EachTokenBoundToItsIssuersOrganisationAndCouncils_GW_1()
    {
        await using var app = await StartAsync(Trust("a", _communeA, "commune-a", ["council-a"]), Trust("b", _communeB, "commune-b", ["council-b1", "council-b2"]));

        var a = await WhoAsync(app, _communeA.Access("agent-a"));
        var b = await WhoAsync(app, _communeB.Access("agent-b", algorithm: SecurityAlgorithms.RsaSsaPssSha256));

        Assert.Equal("agent-a|commune-a|council-a", a);
        Assert.Equal("agent-b|commune-b|council-b1,council-b2", b);
    }

    [Fact]
    public async Task Call_ValidToken_NotCopiedIntoTheAuthenticationProperties()
    {
        await using var app = await StartAsync(Trust("a", _communeA, "commune-a", ["council-a"]));
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/saved");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _communeA.Access("agent-a"));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        // Nothing reads it back (a call forwards its own header), so no call pays for the copy.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("none", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Call_TokenOfAnIssuerNotTrustedHere_Unauthenticated_GW_1()
    {
        await using var app = await StartAsync(Trust("b", _communeB, "commune-b", ["council-b1"]));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, _communeA.Access("agent-a")));
        // A's key, claiming to be B.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, _communeA.Access("agent-a", issuer: _communeB.Issuer)));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, _communeB.Access("agent-b")));
    }

    [Fact]
    public async Task Call_IdTokenWithTheRightAudience_Unauthenticated_GW_1()
    {
        await using var app = await StartAsync(Trust("a", _communeA, "commune-a", [], accessTokenType: ""));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, _communeA.Access("agent-a", type: "JWT", payloadType: "Bearer")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, _communeA.Access("agent-a", type: "JWT", payloadType: "ID")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, _communeA.Access("agent-a", type: "JWT", tokenUse: "id")));
    }

    [Fact]
    public async Task Call_KeyFileIssuer_TokenNotTypedAtJwt_Unauthenticated_GW_1()
    {
        await using var app = await StartAsync(Trust("a", _communeA, "commune-a", []));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, _communeA.Access("agent-a")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, _communeA.Access("agent-a", type: "JWT")));
    }

    [Fact]
    public async Task Call_SymmetricOrUnsignedToken_Unauthenticated_GW_1()
    {
        await using var app = await StartAsync(Trust("a", _communeA, "commune-a", []));
        var secret = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        var hs256 = _communeA.Access("agent-a", credentials: new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));
        var unsigned = Unsigned(_communeA.Issuer, "agent-a");

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, hs256));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, unsigned));
    }

    [Fact]
    public async Task Call_BrokerStableClaim_IsTheSubject()
    {
        var broker = Trust("broker", _communeA, "commune-a", ["council-a"]);
        broker.Value.SubjectClaim = "preferred_username";
        await using var app = await StartAsync(broker);

        var who = await WhoAsync(app, _communeA.Access("pairwise-9f31", extra: new() { ["preferred_username"] = "jeanne.martin" }));

        Assert.Equal("jeanne.martin|commune-a|council-a", who);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, _communeA.Access("pairwise-9f31")));
    }

    [Theory]
    [InlineData("HS256", "Auth:Algorithms: HS256 is not accepted; allowed are ES256, RS256, PS256")]
    [InlineData("none", "Auth:Algorithms: none is not accepted; allowed are ES256, RS256, PS256")]
    public async Task Start_WeakAlgorithmAllowed_RefusedWithASentence(string algorithm, string sentence)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartAsync([Trust("a", _communeA, "commune-a", [])], ("Auth:Algorithms:0", algorithm)));

        Assert.Contains(sentence, ex.Failures);
    }

    [Fact]
    public async Task Start_IssuerWithBothAuthorityAndKeyFile_RefusedWithASentence()
    {
        var both = Trust("a", _communeA, "commune-a", []);
        both.Value.Authority = "https://idp.example";

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(both));

        Assert.Contains("Auth:Issuers:a: exactly one of Authority (OIDC) and KeyFile (public key PEM) is required", ex.Failures);
    }

    public void Dispose()
    {
        _communeA.Dispose();
        _communeB.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static KeyValuePair<string, TrustedIssuerOptions> Trust(string name, Organisation organisation, string org, string[] councils, string? accessTokenType = null) =>
        new(name, new TrustedIssuerOptions
        {
            Issuer = organisation.Issuer, KeyFile = organisation.PublicKeyFile, Organisation = org, Councils = [.. councils], AccessTokenType = accessTokenType,
        });

    private static Task<WebApplication> StartAsync(params KeyValuePair<string, TrustedIssuerOptions>[] issuers) => StartAsync(issuers, []);

    private static async Task<WebApplication> StartAsync(KeyValuePair<string, TrustedIssuerOptions>[] issuers, params (string Key, string Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        foreach (var (name, issuer) in issuers)
        {
            var prefix = $"Auth:Issuers:{name}:";
            builder.Configuration[prefix + "Issuer"] = issuer.Issuer;
            builder.Configuration[prefix + "KeyFile"] = issuer.KeyFile;
            builder.Configuration[prefix + "Authority"] = issuer.Authority;
            builder.Configuration[prefix + "Organisation"] = issuer.Organisation;
            builder.Configuration[prefix + "SubjectClaim"] = issuer.SubjectClaim;
            builder.Configuration[prefix + "AccessTokenType"] = issuer.AccessTokenType;
            for (var i = 0; i < issuer.Councils.Count; i++)
            {
                builder.Configuration[$"{prefix}Councils:{i}"] = issuer.Councils[i];
            }
        }

        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.AddClspdAuthentication();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/who", (HttpContext context) => string.Join('|',
            context.User.FindFirst("sub")?.Value,
            context.User.FindFirst(TrustedIssuers.OrganisationClaim)?.Value,
            string.Join(',', context.User.FindAll(TrustedIssuers.CouncilClaim).Select(c => c.Value))));
        app.MapGet("/saved", async (HttpContext context) => await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.GetTokenAsync(context, "access_token") ?? "none");
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    private static async Task<HttpStatusCode> StatusAsync(WebApplication app, string token)
    {
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/who");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static async Task<string> WhoAsync(WebApplication app, string token)
    {
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/who");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static string Unsigned(string issuer, string subject)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(json);
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        return Part("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." +
               Part($"{{\"iss\":\"{issuer}\",\"aud\":\"{LocalIssuer.DefaultAudience}\",\"sub\":\"{subject}\",\"exp\":{exp}}}") + ".";
    }

    /// <summary>An organisation's issuer: its key (ECDSA or RSA), its public key file, and tokens it signs.</summary>
    private sealed class Organisation : IDisposable
    {
        private readonly AsymmetricAlgorithm _key;
        private readonly AsymmetricSecurityKey _securityKey;

        public Organisation(string issuer, string publicKeyFile, bool rsa)
        {
            Issuer = issuer;
            PublicKeyFile = publicKeyFile;
            if (rsa)
            {
                var key = RSA.Create(2048);
                _key = key;
                _securityKey = new RsaSecurityKey(key) { KeyId = "rsa-" + Guid.NewGuid().ToString("N")[..8] };
                File.WriteAllText(publicKeyFile, key.ExportSubjectPublicKeyInfoPem());
            }
            else
            {
                var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                _key = key;
                _securityKey = new ECDsaSecurityKey(key) { KeyId = "ec-" + Guid.NewGuid().ToString("N")[..8] };
                File.WriteAllText(publicKeyFile, key.ExportSubjectPublicKeyInfoPem());
            }
        }

        public string Issuer { get; }

        public string PublicKeyFile { get; }

        public string Access(string subject, string? issuer = null, string type = LocalIssuer.AccessTokenType, string? payloadType = null,
            string? tokenUse = null, string? algorithm = null, SigningCredentials? credentials = null, Dictionary<string, object>? extra = null)
        {
            var claims = new Dictionary<string, object>(extra ?? []);
            if (payloadType is not null)
            {
                claims["typ"] = payloadType;
            }

            if (tokenUse is not null)
            {
                claims["token_use"] = tokenUse;
            }

            var now = DateTime.UtcNow;
            return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = issuer ?? Issuer, Audience = LocalIssuer.DefaultAudience, Claims = claims,
                Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("sub", subject)]),
                IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(5), TokenType = type,
                SigningCredentials = credentials ?? new SigningCredentials(_securityKey,
                    algorithm ?? (_securityKey is RsaSecurityKey ? SecurityAlgorithms.RsaSha256 : SecurityAlgorithms.EcdsaSha256)),
            });
        }

        public void Dispose() => _key.Dispose();
    }
}
