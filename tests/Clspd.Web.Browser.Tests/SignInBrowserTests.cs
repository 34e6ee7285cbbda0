using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Clspd.Web.Browser.Tests;

[Collection(BrowserStackSharing.Name)]
public sealed class SignInBrowserTests(BrowserStackFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task SignIn_Coordinator_SeesTheirDesignationAsCoordinator()
    {
        await SignInAsync(Fixture.Coordinator);

        await Assertions.Expect(Page.GetByRole(AriaRole.Table, new() { Name = "Mes désignations en cours" })).ToContainTextAsync("Coordonnat");
        await Assertions.Expect(Page.Locator("header")).ToContainTextAsync(Fixture.Coordinator);
    }

    [Fact]
    public async Task SignInPage_RegisteredParticipants_OfferedByNameAndSubject()
    {
        await Page.GotoAsync(Console + "/");

        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "admin" })).ToBeVisibleAsync();
        // The page follows the registry's feed: the seeded subjects show up once read (reloaded until then, within the deadline).
        var member = Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(Regex.Escape(Fixture.Member)) });
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await member.CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await Page.ReloadAsync();
        }

        await Assertions.Expect(member).ToContainTextAsync("Camille Martin — Éducatrice");
    }

    [Fact]
    public async Task SignIn_ChoosingASubjectFromTheList_SignsInAsThatSubject()
    {
        await Page.GotoAsync(Console + "/");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Administrateur de la pile locale (admin)" }).ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Mes groupes", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("header")).ToContainTextAsync("admin");
    }

    [Fact]
    public async Task SignOut_SignedIn_NextVisitAsksToSignInAgain()
    {
        await SignInAsync(Fixture.Member);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Page.GotoAsync(Console + "/");

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Connexion de développement" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignIn_UnknownSubject_ToldNoParticipantIsRegistered()
    {
        await SignInAsync("personne-inconnue");

        await Assertions.Expect(Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Aucun participant n'est enregistré pour votre identifiant de connexion (personne-inconnue)");
    }
}
