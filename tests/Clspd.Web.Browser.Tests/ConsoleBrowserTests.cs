using Microsoft.Playwright;

namespace Clspd.Web.Browser.Tests;

[Collection(BrowserStackSharing.Name)]
public sealed class ConsoleBrowserTests(BrowserStackFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Designation_CoordinatorRecordsIt_ShownInTheGroup_REG_4()
    {
        await SignInAsync(Fixture.Coordinator);
        await Page.GotoAsync($"{Console}/designations/nouvelle");
        var today = DateTime.UtcNow;

        await Page.GetByLabel("Identifiant du participant").FillAsync(Fixture.Candidate.Id);
        await Page.GetByLabel("Identifiant du groupe").FillAsync(Fixture.Group.Id);
        await Page.GetByLabel("Numéro de l'arrêté du maire").FillAsync("2026-301");
        await Page.GetByLabel("Date de l'arrêté").FillAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByLabel("Signataire de l'arrêté").FillAsync("Le maire");
        await Page.GetByLabel("Début de validité").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByLabel("Fin de validité (exclue)").FillAsync(today.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la désignation" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await Page.GotoAsync($"{Console}/groupes/{Fixture.Group.Id}");
        await Assertions.Expect(Page.GetByRole(AriaRole.Table, new() { Name = "Participants du groupe" })).ToContainTextAsync("Bailleur");
    }

    [Fact]
    public async Task Council_Coordinator_SeesReadinessAndNothingMissing_REG_1()
    {
        await SignInAsync(Fixture.Coordinator);

        await Page.GotoAsync($"{Console}/conseils/{Fixture.Council.Id}");

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Le conseil en un coup d'œil" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("main")).ToContainTextAsync("Rien : le conseil peut traiter des situations nominatives.");
    }

    [Fact]
    public async Task Group_Member_SeesWhoSitsInItWithRoles_REG_7()
    {
        await SignInAsync(Fixture.Member);

        await Page.GotoAsync($"{Console}/groupes/{Fixture.Group.Id}");

        var table = Page.GetByRole(AriaRole.Table, new() { Name = "Participants du groupe" });
        await Assertions.Expect(table).ToContainTextAsync("Coordonnat");
        await Assertions.Expect(table).ToContainTextAsync("Membre");
    }
}
