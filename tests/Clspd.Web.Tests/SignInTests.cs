using System.Net;
using Clspd.Registry.V1;
using Clspd.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Clspd.Web.Tests;

/// <summary>Sign-in with the authorization code flow and PKCE, the session cookie, tokens kept server-side.</summary>
public sealed class SignInTests
{
    private const string AccessToken = "eyJhbGciOiJFUzI1NiJ9.access-token-of-camille.signature-kept-on-the-server";

    [Fact]
    public async Task Anonymous_Page_RedirectsToAuthorityWithCodeFlowAndPkce()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();

        var answer = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var location = answer.Headers.Location!;
        Assert.Equal(FakeAuthority.Issuer + "/authorize", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Equal(FakeAuthority.ClientId, query["client_id"]);
        Assert.Contains("openid", query["scope"].ToString().Split(' '));
        Assert.Equal("http://localhost/signin-oidc", query["redirect_uri"]);
        Assert.Empty(gateway.Authorizations);
    }

    [Fact]
    public async Task SignIn_CodeExchange_SendsCodeVerifierAndCallsGatewayWithAccessToken()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new ListSubjectDesignationsResponse { Participant = new Participant { Id = "p1", FullName = "Camille Durand", Function = "éducatrice" } });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();

        var callback = await browser.SignInAsync("camille", AccessToken);
        var page = await browser.GetAsync("/");

        Assert.Equal("/", callback.Headers.Location!.OriginalString);
        Assert.True(host.Authority.TokenRequests.TryPeek(out var tokenRequest));
        Assert.Equal("authorization_code", tokenRequest["grant_type"]);
        Assert.True(tokenRequest["code_verifier"].Length >= 43);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Camille Durand", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["Bearer " + AccessToken], gateway.Authorizations);
    }

    [Fact]
    public async Task SignIn_SessionCookie_IsHttpOnlyLaxAndCarriesNoToken()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();

        await browser.SignInAsync("camille", AccessToken);
        var page = await browser.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var session = Assert.Single(browser.SetCookies, c => c.StartsWith("clspd.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        // The key of the server-side ticket only: far smaller than a ticket holding two tokens.
        Assert.True(browser.Cookies["clspd.session"].Length < 600, $"session cookie of {browser.Cookies["clspd.session"].Length} characters");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        foreach (var secret in new[] { AccessToken, "access-token-of-camille" })
        {
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            Assert.All(browser.SetCookies, c => Assert.DoesNotContain(secret, c, StringComparison.Ordinal));
        }

        Assert.DoesNotContain("eyJ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_OffLoopbackListen_SessionCookieIsSecure()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway, new Dictionary<string, string?>
        {
            ["Web:Listen"] = "https://0.0.0.0:5090",
            ["Web:Tls:CertificateFile"] = "/nonexistent/console.pem",
            ["Web:Tls:KeyFile"] = "/nonexistent/console.key",
        });
        using var browser = host.Browser();

        var answer = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.NotEmpty(browser.SetCookies);
        Assert.All(browser.SetCookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AccessTokenExpired_NextPage_SendsToAuthorityAgain()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("camille", AccessToken, expiresInSeconds: 300);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        host.Clock.Advance(TimeSpan.FromSeconds(301));
        var answer = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith(FakeAuthority.Issuer + "/authorize", answer.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Single(gateway.Authorizations);
    }

    [Fact]
    public async Task SignOut_WithoutAntiforgeryToken_Refused()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("camille", AccessToken);

        var answer = await browser.PostAsync("/deconnexion", []);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task SignOut_WithAntiforgeryToken_EndsSessionAtAuthority()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("camille", AccessToken);
        var form = await (await browser.GetAsync("/deconnexion")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var answer = await browser.SubmitAsync("/deconnexion", form, []);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith(FakeAuthority.Issuer + "/logout", answer.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.False(browser.Cookies.ContainsKey("clspd.session"));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }
}
