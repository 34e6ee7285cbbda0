using System.Net;
using System.Text.RegularExpressions;
using Clspd.Records.V1;
using Clspd.Web.Tests.Infrastructure;
using Google.Rpc;

namespace Clspd.Web.Tests;

/// <summary>The lifecycle run in steps with its progress, and the export of a council's named cases page by page.</summary>
public sealed partial class LifecycleAndExportPagesTests
{
    private const string Token = "access-token-for-lifecycle";
    private const string Lifecycle = "/administration/cycle-de-vie";
    private const string Export = "/conseils/c-1/export";

    [Fact]
    public async Task Lifecycle_WorkStillDue_ProgressShownAndNextStepCarriesTheTotals()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new RunLifecycleResponse { ClosedAt25 = 10, CasesDestroyed = 60, PersonsDestroyed = 30, AgendaItemsPurged = 4, RemainingDue = 300 });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        var form = await browser.SignedInFormAsync("admin", Token, Lifecycle);

        var answer = await browser.SubmitAsync(Lifecycle, form, []);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Lancer la purge", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(100, Assert.IsType<RunLifecycleRequest>(Assert.Single(gateway.Requests)).MaxCases);
        Assert.Contains("Purge en cours (étape 1) : 100 traité(s), 300 encore dû(s).", html, StringComparison.Ordinal);
        Assert.Contains("<progress max=\"400\" value=\"100\">25 %</progress>", html, StringComparison.Ordinal);
        Assert.Contains("data-suite-auto=\"oui\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Totals.CasesDestroyed\" value=\"60\"", html, StringComparison.Ordinal);
        Assert.Contains("/js/progression.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifecycle_LastStep_TotalsOfTheWholeRunShown()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new RunLifecycleResponse { ClosedAt25 = 1, CasesDestroyed = 2, PersonsDestroyed = 3, AgendaItemsPurged = 0, RemainingDue = 0 });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        var form = await browser.SignedInFormAsync("admin", Token, Lifecycle);

        var answer = await browser.SubmitAsync(Lifecycle, form,
        [
            new("Totals.Steps", "3"), new("Totals.ClosedAt25", "10"),
            new("Totals.CasesDestroyed", "160"), new("Totals.PersonsDestroyed", "130"), new("Totals.AgendaItemsPurged", "4"),
        ]);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Purge terminée en 4 étape(s) : 11 suivi(s) clos à 25 ans, 162 dossier(s) détruit(s), 133 personne(s) détruite(s), 4 inscription(s) à l'ordre du jour purgée(s).", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-suite-auto", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifecycle_NotAnAdministrator_RefusalWithItsRuleAndNoStepChained()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Refuse<RunLifecycleResponse>(Refusals.Rule(Code.PermissionDenied, "REC-7", "the lifecycle job and the deletion log are reserved to administrators and services"));
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        var form = await browser.SignedInFormAsync("coordo", Token, Lifecycle);

        var answer = await browser.SubmitAsync(Lifecycle, form, []);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("Refusé (REC-7) : the lifecycle job and the deletion log are reserved to administrators and services", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-suite-auto", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifecycle_StepWithoutAntiforgeryToken_Refused()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("admin", Token, Lifecycle);

        var answer = await browser.PostAsync(Lifecycle, [new("Totals.Steps", "1")]);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Empty(gateway.Requests);
    }

    [Fact]
    public async Task ExportCases_FirstPage_ReasonSentNamedCasesShownAndNextPageOffered()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new ExportCasesResponse
        {
            Cases =
            {
                new ExportedCase { DecisionId = "dec-1", Case = new Case { Id = "k-1", CaseCode = "C-AAA1", Identity = new Identity { Surname = "Moreau", FirstNames = "Inès" } } },
                new ExportedCase { DecisionId = "dec-2", Case = new Case { Id = "k-2", CaseCode = "C-AAA2", Identity = new Identity { Surname = "Girard", FirstNames = "Léa" } } },
            },
            NextAfterCaseId = "k-2",
        });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        var form = await browser.SignedInFormAsync("coordo", Token, Export);

        var answer = await browser.SubmitAsync(Export, form,
            [new("Reason", "LegalClaim"), new("GroupId", " g-1 ")]);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var request = Assert.IsType<ExportCasesRequest>(Assert.Single(gateway.Requests));
        Assert.Equal(("c-1", "g-1", ExportReason.LegalClaim, 20, ""), (request.CouncilId, request.GroupId, request.Reason, request.PageSize, request.AfterCaseId));
        Assert.Contains("Page 1 : dossiers 1 à 2 exportés pour « action en justice » ; la suite est à la page suivante.", html, StringComparison.Ordinal);
        Assert.Contains("Moreau", html, StringComparison.Ordinal);
        Assert.Contains("dec-2", html, StringComparison.Ordinal);
        Assert.Contains("name=\"After\" value=\"k-2\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Before\" value=\"2\"", html, StringComparison.Ordinal);
        Assert.Contains("Page suivante de l'export", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportCases_LastPage_ContinuesAfterThePreviousAndSaysComplete()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new ExportCasesResponse { Cases = { new ExportedCase { DecisionId = "dec-21", Case = new Case { Id = "k-21", CaseCode = "C-AAB1" } } } });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        var form = await browser.SignedInFormAsync("coordo", Token, Export);

        var answer = await browser.SubmitAsync(Export, form,
        [
            new("Reason", "SupervisoryControl"), new("GroupId", ""),
            new("After", "k-20"), new("Before", "20"), new("PageNumber", "1"),
        ]);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal("k-20", Assert.IsType<ExportCasesRequest>(Assert.Single(gateway.Requests)).AfterCaseId);
        Assert.Contains("Page 2 : dossiers 21 à 21 exportés pour « contrôle du responsable du traitement, du délégué à la protection des données ou de la CNIL » : l'export est complet.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Page suivante de l'export", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportCases_NoReason_FormRefusedWithoutExporting()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        var form = await browser.SignedInFormAsync("coordo", Token, Export);

        var answer = await browser.SubmitAsync(Export, form, [new("Reason", ""), new("GroupId", "")]);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Empty(gateway.Requests);
        Assert.Contains("Choisissez le motif de l'export.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportCases_NotTheCoordinator_RefusalWithItsRule_REC_10()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Refuse<ExportCasesResponse>(Refusals.Rule(Code.PermissionDenied, "REC-10", "only the council's coordinator exports its cases"));
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        var form = await browser.SignedInFormAsync("educ", Token, Export);

        var answer = await browser.SubmitAsync(Export, form, [new("Reason", "LegalClaim"), new("GroupId", "")]);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("Refusé (REC-10) : only the council's coordinator exports its cases", html, StringComparison.Ordinal);
        Assert.Matches(OptionSelected(), html);
    }

    [GeneratedRegex("<option selected=\"selected\" value=\"LegalClaim\">|<option value=\"LegalClaim\" selected=\"selected\">")]
    private static partial Regex OptionSelected();
}
