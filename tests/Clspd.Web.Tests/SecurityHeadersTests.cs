using System.Net;
using Clspd.Web.Tests.Infrastructure;

namespace Clspd.Web.Tests;

/// <summary>Every answer carries the security headers; no page has an inline script or style.</summary>
public sealed class SecurityHeadersTests
{
    public static TheoryData<string> Pages => ["/", "/deconnexion", "/designations/nouvelle", "/designations/revoquer", "/groupes/g-1", "/conseils/c-1", "/conseils/c-1/manquement", "/conseils/c-1/evaluation", "/dossiers", "/dossiers/case-1", "/dossiers/case-1/element", "/dossiers/case-1/suivi", "/journal", "/journal/verification", "/mes-acces", "/personnes/s-1/consentement", "/personnes/s-1/export", "/conseils/c-1/rapport", "/groupes/g-1/reunions", "/groupes/g-1/reunions/m-1", "/dossiers/case-1/deplacer", "/dossiers/case-1/ouvrir-archive", "/page-inconnue"];

    [Fact]
    public async Task AnonymousAnswers_CarryHeaders()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();

        foreach (var path in new[] { "/", "/erreur", "/css/console.css", "/acces-refuse" })
        {
            AssertHeaders(await browser.GetAsync(path), path);
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task SignedInPage_CarriesHeadersAndNoInlineScriptOrStyle(string path)
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("camille", "access-token-for-headers");

        var answer = await browser.GetAsync(path);
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        AssertHeaders(answer, path);
        Assert.DoesNotContain("<script>", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" onclick=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<html lang=\"fr\">", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "<h1[ >]"));
    }

    private static void AssertHeaders(HttpResponseMessage answer, string path)
    {
        Assert.True(answer.Headers.TryGetValues("Content-Security-Policy", out var csp), path);
        var policy = Assert.Single(csp);
        Assert.StartsWith("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self' " + FakeAuthority.Issuer, policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(answer.Headers.GetValues("Referrer-Policy")));
        Assert.NotEqual(HttpStatusCode.InternalServerError, answer.StatusCode);
    }
}
