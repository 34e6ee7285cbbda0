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
    public async Task Case_MemberAfterConsent_NamedVersionShowsTheIdentity()
    {
        await SignInAsync(Fixture.Member);

        await Page.GotoAsync($"{Console}/dossiers/{Fixture.ConsentedCase}?nominatif=true");
        // The access service learns the consent from consent's feed: reloaded until it has, within the deadline.
        await ReloadUntilAsync(() => Page.GetByRole(AriaRole.Heading, new() { Name = "Identité" }));

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Dossier nominatif");
        await Assertions.Expect(Page.Locator("main")).ToContainTextAsync("Moreau");
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

        await Fixture.Commune.WithdrawNamedDiscussionAsync(Fixture.WithdrawnSubjectRef, Fixture.Group.Id);
        await Page.GotoAsync(named);
        await ReloadUntilAsync(() => Page.GetByRole(AriaRole.Alert));

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
