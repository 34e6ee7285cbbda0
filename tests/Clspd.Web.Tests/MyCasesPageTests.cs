using System.Net;
using Clspd.Records.V1;
using Clspd.Web.Tests.Infrastructure;
using Google.Rpc;

namespace Clspd.Web.Tests;

/// <summary>"Mes dossiers" on /dossiers: the caller's cases from ListMyCases, pseudonymous, refusals with their rules, paging.</summary>
public sealed class MyCasesPageTests
{
    private const string Token = "access-token-for-my-cases";

    private static MyCase Listed(string id, string code) => new()
    {
        CaseId = id, CaseCode = code, CouncilId = "c-1", GroupId = "g-1", GroupName = "Groupe opérationnel Centre", Status = CaseStatus.Active,
        StartDate = new Google.Type.Date { Year = 2026, Month = 9, Day = 1 }, AgeBand = "16-17", Relations = { CaseRelation.GroupMember }, DecisionId = "d-" + id,
    };

    private static async Task<(HttpResponseMessage Answer, string Html)> OpenAsync(FakeGateway gateway, string path = "/dossiers")
    {
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("membre", Token, path);
        var answer = await browser.GetAsync(path);
        return (answer, await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task MyCases_ListsTheCallersCasesPseudonymously_WithALinkToEach_ACC_1_REC_6()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new ListMyCasesResponse { Cases = { Listed("case-1", "C-7Q2K9"), Listed("case-2", "C-3M8P1") } });

        var (answer, html) = await OpenAsync(gateway);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var request = Assert.IsType<ListMyCasesRequest>(Assert.Single(gateway.Requests));
        Assert.Equal((50, "", "", ""), (request.PageSize, request.AfterCaseId, request.CouncilId, request.GroupId));
        Assert.Contains("<h1>Mes dossiers</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<caption>Mes dossiers, sous pseudonyme</caption>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\">Code du dossier</th>", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">C-7Q2K9</th>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/dossiers/case-1\">Ouvrir le dossier C-7Q2K9</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/dossiers/case-2\">Ouvrir le dossier C-3M8P1</a>", html, StringComparison.Ordinal);
        Assert.Contains("<td>01/09/2026</td>", html, StringComparison.Ordinal);
        Assert.Contains("Groupe opérationnel Centre", html, StringComparison.Ordinal);
        Assert.Contains("<td>membre du groupe</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>actif</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Dossiers suivants", html, StringComparison.Ordinal);
        Assert.Contains("<label for=\"dossier\">Identifiant du dossier</label>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyCases_RefusedEntry_ShowsItsRulesAndSentence_NoLink_ACC_5_REG_7()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new ListMyCasesResponse
        {
            Cases =
            {
                new MyCase
                {
                    CaseId = "case-9", Relations = { CaseRelation.PathReferent },
                    Refusal = new CaseRefusal { RuleIds = { "REG-7" }, Reason = "your designation as path referent of the case expired on 2026-11-30", DecisionId = "d-9" },
                },
            },
        });

        var (answer, html) = await OpenAsync(gateway);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Refusé (REG-7) : your designation as path referent of the case expired on 2026-11-30", html, StringComparison.Ordinal);
        Assert.Contains("<td>référent de parcours</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/dossiers/case-9\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyCases_MeasureImplementer_LinkOpensTheMeasureView_ACC_1()
    {
        await using var gateway = await FakeGateway.StartAsync();
        var measure = Listed("case-5", "C-5K2M7");
        (measure.MeasureOnly, measure.AgeBand) = (true, "");
        measure.Relations[0] = CaseRelation.MeasureImplementer;
        gateway.Answer(new ListMyCasesResponse { Cases = { measure } });
        gateway.Answer(new GetCaseResponse { Case = new Case { Id = "case-5", CaseCode = "C-5K2M7" }, MeasureOnly = true });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("pjj", Token, "/dossiers");

        var list = await (await browser.GetAsync("/dossiers")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var opened = await (await browser.GetAsync("/dossiers/case-5?mesure=true")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("<a href=\"/dossiers/case-5?mesure=true\">Ouvrir le dossier C-5K2M7</a>", list, StringComparison.Ordinal);
        Assert.Contains("chargé d'une mesure (vue de la mesure seulement)", System.Net.WebUtility.HtmlDecode(list), StringComparison.Ordinal);
        var read = Assert.IsType<GetCaseRequest>(gateway.Requests.Last());
        Assert.Equal((true, false), (read.MeasureOnly, read.Named));
        Assert.Contains("<h1>Dossier, vue de la mesure C-5K2M7</h1>", opened, StringComparison.Ordinal);
        // The measure view is all a measure implementer may read (ACC-1): no link to a named version.
        Assert.DoesNotContain("Voir la version nominative", opened, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyCases_NextPage_LinkCarriesTheLastIdAndTheFilters()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new ListMyCasesResponse { Cases = { Listed("case-2", "C-3M8P1") }, NextAfterCaseId = "case-2" });

        var (_, html) = await OpenAsync(gateway, "/dossiers?groupe=g-1&apres=case-1");

        var request = Assert.IsType<ListMyCasesRequest>(Assert.Single(gateway.Requests));
        Assert.Equal(("case-1", "g-1"), (request.AfterCaseId, request.GroupId));
        Assert.Contains("<a href=\"/dossiers?groupe=g-1&amp;apres=case-2\">Dossiers suivants</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyCases_ListRefused_SentenceShownAndTheCaseIdFieldStays()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Refuse<ListMyCasesResponse>(Refusals.Rule(Code.Unavailable, "ACC-7", "ACC-7: the access service did not answer; no case data is returned"));

        var (answer, html) = await OpenAsync(gateway);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.StatusCode);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("(ACC-7) : ACC-7: the access service did not answer; no case data is returned", html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\">Ouvrir le dossier</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyCases_CaseIdField_OpensTheCaseTyped()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("membre", Token, "/dossiers");

        var answer = await browser.GetAsync("/dossiers?handler=Ouvrir&id=%20case-42%20");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/dossiers/case-42", answer.Headers.Location?.OriginalString);
        Assert.Empty(gateway.Requests);
    }
}
