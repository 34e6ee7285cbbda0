using Microsoft.Playwright;

namespace Clspd.Web.Browser.Tests;

/// <summary>The pages that took the CLI before: a meeting scheduled, the purge run, the council's cases exported.</summary>
[Collection(BrowserStackSharing.Name)]
public sealed class RegistryPagesBrowserTests(BrowserStackFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Meeting_CoordinatorSchedulesIt_ListedInTheGroup_REG_2()
    {
        await SignInAsync(Fixture.Coordinator);
        await Page.GotoAsync($"{Console}/groupes/{Fixture.Group.Id}/reunions");

        await Page.GetByLabel("Date de la réunion").FillAsync("2031-03-14");
        await Page.GetByLabel("Lieu (par exemple « Mairie, salle du conseil »)").FillAsync("Maison des associations");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Prévoir la réunion" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Réunion prévue le 14/03/2031 (Maison des associations).");
        await Assertions.Expect(Page.GetByRole(AriaRole.Table, new() { Name = "Réunions, par date" })).ToContainTextAsync("Maison des associations");
    }

    [Fact]
    public async Task Lifecycle_AdministratorRunsIt_TotalsShownOnceNothingIsDue_REC_7()
    {
        await SignInAsync("admin");
        await Page.GotoAsync($"{Console}/administration/cycle-de-vie");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Lancer la purge" }).ClickAsync();

        // The page submits itself step after step while work is due; the verdict is the status once done.
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Purge terminée", new() { Timeout = Patience });
    }

    [Fact]
    public async Task ExportCases_Coordinator_NamedCasesOfTheCouncilForTheReason_REC_10()
    {
        await SignInAsync(Fixture.Coordinator);
        await Page.GotoAsync($"{Console}/conseils/{Fixture.Council.Id}/export");

        await Page.GetByLabel("Motif de l'export").SelectOptionAsync(new SelectOptionValue { Label = "action en justice" });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Exporter les dossiers" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("exportés pour « action en justice »");
        await Assertions.Expect(Page.Locator("main")).ToContainTextAsync("Moreau");
    }
}
