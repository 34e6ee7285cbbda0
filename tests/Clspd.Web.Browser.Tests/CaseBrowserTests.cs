using Microsoft.Playwright;

namespace Clspd.Web.Browser.Tests;

[Collection(BrowserStackSharing.Name)]
public sealed class CaseBrowserTests(BrowserStackFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Case_GroupMember_ReadsItUnderPseudonymWithoutTheName()
    {
        await SignInAsync(Fixture.Member);

        await Page.GotoAsync($"{Console}/dossiers/{Fixture.ConsentedCase}");

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Dossier sous pseudonyme");
        await Assertions.Expect(Page.Locator("body")).Not.ToContainTextAsync("Moreau");
        await Assertions.Expect(Page.Locator("main")).ToContainTextAsync("18-21");
    }

    [Fact]
    public async Task Case_MemberAfterConsentRecordedInConsole_NamedVersionShowsTheIdentityAtOnce()
    {
        await SignInAsync(Fixture.Member);
        await Page.GotoAsync($"{Console}/personnes/{Fixture.UnaskedSubjectRef}/consentement?groupe={Fixture.Group.Id}");
        await Page.GetByLabel("Identifiant de la notice publiée remise").FillAsync(Fixture.Notice);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'information" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Information enregistrée.");
        await Page.GetByLabel("Preuve (référence du formulaire signé ou témoin)").FillAsync("formulaire signé n° 31");
        await Page.GetByLabel("Identifiant de la notice publiée", new() { Exact = true }).FillAsync(Fixture.Notice);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Décision enregistrée");

        // Once, no reload: the console asks for a consent state at least as fresh as the decision it recorded.
        await Page.GotoAsync($"{Console}/dossiers/{Fixture.UnaskedCase}");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Voir la version nominative" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Dossier nominatif");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Identité" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("main")).ToContainTextAsync("Girard");
    }

    [Fact]
    public async Task Case_PoliceParticipant_NoNameAnywhere_ACC_2()
    {
        await SignInAsync(Fixture.Police);

        await Page.GotoAsync($"{Console}/dossiers/{Fixture.ConsentedCase}");
        var pseudonymous = await Page.Locator("body").InnerTextAsync();
        await Page.GotoAsync($"{Console}/dossiers/{Fixture.ConsentedCase}?nominatif=true");

        Assert.DoesNotContain("Moreau", pseudonymous, StringComparison.Ordinal);
        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("ACC-2");
        await Assertions.Expect(Page.Locator("body")).Not.ToContainTextAsync("Moreau");
    }

    [Fact]
    public async Task Case_ConsentWithdrawn_NamedPageRefused_CON_4()
    {
        await SignInAsync(Fixture.Member);
        var named = $"{Console}/dossiers/{Fixture.WithdrawnCase}?nominatif=true";
        await Page.GotoAsync(named);
        await ReloadUntilAsync(() => Page.GetByRole(AriaRole.Heading, new() { Name = "Identité" }));
        await Assertions.Expect(Page.Locator("main")).ToContainTextAsync("Lefèvre");

        await Page.GotoAsync($"{Console}/personnes/{Fixture.WithdrawnSubjectRef}/consentement?groupe={Fixture.Group.Id}");
        await Page.GetByLabel("Preuve du retrait (référence du courrier ou témoin)").FillAsync("courrier de retrait du 7 décembre");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Retirer le consentement" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Consentement retiré pour « Examen nominatif en groupe »");
        // Once, no reload: the withdrawal takes effect for every check issued after it returned.
        await Page.GotoAsync(named);

        await Assertions.Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("CON-4");
        await Assertions.Expect(Page.Locator("body")).Not.ToContainTextAsync("Lefèvre");
    }

    [Fact]
    public async Task AuditVerification_Coordinator_TrailIntact()
    {
        await SignInAsync(Fixture.Coordinator);

        await Page.GotoAsync($"{Console}/journal");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Vérifier l'intégrité du journal" }).Or(Page.GetByRole(AriaRole.Button, new() { Name = "Vérifier l'intégrité du journal" })).ClickAsync();

        // The page moves on by itself step by step; the verdict is the status once complete.
        await Assertions.Expect(Page.GetByRole(AriaRole.Status)).ToContainTextAsync("Journal intact", new() { Timeout = Patience });
    }

    private async Task ReloadUntilAsync(Func<ILocator> shown)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await shown().CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await Page.ReloadAsync();
        }
    }
}
