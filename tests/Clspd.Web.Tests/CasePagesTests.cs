using System.Net;
using Clspd.Records.V1;
using Clspd.Web.Tests.Infrastructure;
using Google.Rpc;

namespace Clspd.Web.Tests;

/// <summary>The case pages: pseudonymous by default, named only on request and when allowed, forms checked before any call.</summary>
public sealed class CasePagesTests
{
    private const string Token = "access-token-for-cases";

    [Fact]
    public async Task CasePage_Default_AsksPseudonymousView_REC_6()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new GetCaseResponse { Case = new Case { Id = "case-1", CaseCode = "C-7Q2K9", AgeBand = "12-15" } });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("membre", Token);

        var answer = await browser.GetAsync("/dossiers/case-1");
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var request = Assert.IsType<GetCaseRequest>(Assert.Single(gateway.Requests));
        Assert.False(request.Named);
        Assert.Contains("<h1>Dossier sous pseudonyme C-7Q2K9</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Voir la version nominative", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CasePage_NamedAfterWithdrawal_RefusedWithRule_CON_4()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Refuse<GetCaseResponse>(Refusals.Rule(Code.PermissionDenied, "CON-4", "consent to the named discussion was withdrawn"));
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("referent", Token);

        var answer = await browser.GetAsync("/dossiers/case-1?nominatif=true");
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.True(Assert.IsType<GetCaseRequest>(Assert.Single(gateway.Requests)).Named);
        Assert.Contains("Refusé (CON-4) : consent to the named discussion was withdrawn", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUpElements_Over500Characters_RefusedBeforeAnyCall()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        var form = await browser.SignedInFormAsync("referent", Token, "/dossiers/case-1/suivi");

        var answer = await browser.SubmitAsync("/dossiers/case-1/suivi", form,
            [new("RequestId", "r-1"), new("Text", new string('a', 501))]);
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("maxlength=\"500\"", form, StringComparison.Ordinal);
        Assert.Contains("500 caractères restants sur 500.", form, StringComparison.Ordinal);
        Assert.Contains("/js/compteur.js", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("Les éléments de suivi tiennent en 500 caractères au plus.", html, StringComparison.Ordinal);
        Assert.Empty(gateway.Requests);
    }

    [Fact]
    public async Task FollowUpElements_500Characters_SentForTheRouteCase()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        var form = await browser.SignedInFormAsync("referent", Token, "/dossiers/case-1/suivi");

        var answer = await browser.SubmitAsync("/dossiers/case-1/suivi", form,
            [new("RequestId", "r-1"), new("Text", new string('é', 500))]);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var request = Assert.IsType<SetFollowUpElementsRequest>(Assert.Single(gateway.Requests));
        Assert.Equal("case-1", request.CaseId);
        Assert.Equal(500, request.Text.Length);
    }

    [Fact]
    public async Task InformationItem_WithoutAttestation_RefusedBeforeAnyCall_REC_5()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        var form = await browser.SignedInFormAsync("referent", Token, "/dossiers/case-1/element");

        var answer = await browser.SubmitAsync("/dossiers/case-1/element", form,
            [new("RequestId", "r-1"), new("Category", "SchoolAttendance"), new("Attests", "false")]);
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("atteste que cet élément ne relève pas du secret professionnel", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Contains("attestation : un élément couvert par le secret professionnel ne peut être partagé (REC-5)", html, StringComparison.Ordinal);
        Assert.Empty(gateway.Requests);
    }
}
