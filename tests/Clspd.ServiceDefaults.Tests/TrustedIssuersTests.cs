using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Clspd.ServiceDefaults.Auth;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

using static Clspd.ServiceDefaults.Tests.IssuerHost;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>
/// Several organisations' issuers side by side (GW-1): each token is checked against the issuer it
/// names, bound to that issuer's organisation and councils; only access tokens signed with ES256,
/// RS256 or PS256 pass.
/// </summary>
public sealed class TrustedIssuersTests : TwoCommunes
{

    [Fact]
    public async Task Call_TwoOrganisations_EachTokenBoundToItsIssuersOrganisationAndCouncils_GW_1()
    {
        await using var app = await StartAsync(Trust("a", CommuneA, "commune-a", ["council-a"]), Trust("b", CommuneB, "commune-b", ["council-b1", "council-b2"]));

        var a = await WhoAsync(app, CommuneA.Access("agent-a"));
        var b = await WhoAsync(app, CommuneB.Access("agent-b", algorithm: SecurityAlgorithms.RsaSsaPssSha256));

        Assert.Equal("agent-a|commune-a|council-a", a);
        Assert.Equal("agent-b|commune-b|council-b1,council-b2", b);
    }

    [Fact]
    public async Task Call_ValidToken_NotCopiedIntoTheAuthenticationProperties()
    {
        await using var app = await StartAsync(Trust("a", CommuneA, "commune-a", ["council-a"]));
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/saved");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", CommuneA.Access("agent-a"));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        // Nothing reads it back (a call forwards its own header), so no call pays for the copy.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("none", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Call_TokenOfAnIssuerNotTrustedHere_Unauthenticated_GW_1()
    {
        await using var app = await StartAsync(Trust("b", CommuneB, "commune-b", ["council-b1"]));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, CommuneA.Access("agent-a")));
        // A's key, claiming to be B.
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, CommuneA.Access("agent-a", issuer: CommuneB.Issuer)));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, CommuneB.Access("agent-b")));
    }

    [Fact]
    public async Task Call_IdTokenWithTheRightAudience_Unauthenticated_GW_1()
    {
        await using var app = await StartAsync(Trust("a", CommuneA, "commune-a", [], accessTokenType: ""));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, CommuneA.Access("agent-a", type: "JWT", payloadType: "Bearer")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, CommuneA.Access("agent-a", type: "JWT", payloadType: "ID")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, CommuneA.Access("agent-a", type: "JWT", tokenUse: "id")));
    }

    [Fact]
    public async Task Call_KeyFileIssuer_TokenNotTypedAtJwt_Unauthenticated_GW_1()
    {
        await using var app = await StartAsync(Trust("a", CommuneA, "commune-a", []));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, CommuneA.Access("agent-a")));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, CommuneA.Access("agent-a", type: "JWT")));
    }

    [Fact]
    public async Task Call_SymmetricOrUnsignedToken_Unauthenticated_GW_1()
    {
        await using var app = await StartAsync(Trust("a", CommuneA, "commune-a", []));
        var secret = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
        var hs256 = CommuneA.Access("agent-a", credentials: new SigningCredentials(secret, SecurityAlgorithms.HmacSha256));
        var unsigned = Unsigned(CommuneA.Issuer, "agent-a");

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, hs256));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, unsigned));
    }

    [Fact]
    public async Task Call_BrokerStableClaim_IsTheSubject()
    {
        var broker = Trust("broker", CommuneA, "commune-a", ["council-a"]);
        broker.Value.SubjectClaim = "preferred_username";
        await using var app = await StartAsync(broker);

        var who = await WhoAsync(app, CommuneA.Access("pairwise-9f31", extra: new() { ["preferred_username"] = "jeanne.martin" }));

        Assert.Equal("jeanne.martin|commune-a|council-a", who);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, CommuneA.Access("pairwise-9f31")));
    }

    [Theory]
    [InlineData("HS256", "Auth:Algorithms: HS256 is not accepted; allowed are ES256, RS256, PS256")]
    [InlineData("none", "Auth:Algorithms: none is not accepted; allowed are ES256, RS256, PS256")]
    public async Task Start_WeakAlgorithmAllowed_RefusedWithASentence(string algorithm, string sentence)
    {
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            StartAsync([Trust("a", CommuneA, "commune-a", [])], ("Auth:Algorithms:0", algorithm)));

        Assert.Contains(sentence, ex.Failures);
    }

    [Fact]
    public async Task Start_IssuerWithBothAuthorityAndKeyFile_RefusedWithASentence()
    {
        var both = Trust("a", CommuneA, "commune-a", []);
        both.Value.Authority = "https://idp.example";

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(both));

        Assert.Contains("Auth:Issuers:a: exactly one of Authority (OIDC) and KeyFile (public key PEM) is required", ex.Failures);
    }

    private static string Unsigned(string issuer, string subject)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(json);
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        return Part("{\"alg\":\"none\",\"typ\":\"at+jwt\"}") + "." +
               Part($"{{\"iss\":\"{issuer}\",\"aud\":\"{LocalIssuer.DefaultAudience}\",\"sub\":\"{subject}\",\"exp\":{exp}}}") + ".";
    }
}
