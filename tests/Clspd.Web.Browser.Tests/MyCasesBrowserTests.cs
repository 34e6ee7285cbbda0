using Microsoft.Playwright;

namespace Clspd.Web.Browser.Tests;

/// <summary>"Mes dossiers": a professional's cases listed under pseudonym, each a link to the case (issue 19).</summary>
[Collection(BrowserStackSharing.Name)]
public sealed class MyCasesBrowserTests(BrowserStackFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task MyCases_Browser_GroupMember_SeesTheConsentedCaseCodeAndNoName_FollowsTheLink_ACC_1_REC_6()
    {
        await SignInAsync(Fixture.Member);

        await Page.GetByRole(AriaRole.Link, new() { Name = "Dossiers", Exact = true }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mes dossiers");
        var link = await ReloadUntilAsync(() => Page.Locator($"table a[href=\"/dossiers/{Fixture.ConsentedCase}\"]"));
        var code = (await link.InnerTextAsync())["Ouvrir le dossier ".Length..];

        Assert.StartsWith("C-", code, StringComparison.Ordinal);
        await Assertions.Expect(RowOf(Fixture.ConsentedCase)).ToContainTextAsync("membre du groupe");
        await Assertions.Expect(Page.Locator("body")).Not.ToContainTextAsync("Moreau");
        await link.ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Dossier sous pseudonyme {code}");
        await Assertions.Expect(Page.Locator("body")).Not.ToContainTextAsync("Moreau");
    }

    [Fact]
    public async Task MyCases_Browser_PathReferentWithProgrammeEnrolment_ListsTheirCaseAndReadsItNamed_ACC_1_ACC_3()
    {
        await SignInAsync(Fixture.Referent);

        await Page.GotoAsync($"{Console}/dossiers");
        // The access service learns the designation from the registry's feed: reloaded until it has, within the deadline.
        var link = await ReloadUntilAsync(() => Page.Locator($"table a[href=\"/dossiers/{Fixture.ReferentCase}\"]"));
        await Assertions.Expect(RowOf(Fixture.ReferentCase)).ToContainTextAsync("référent de parcours");
        await Assertions.Expect(Page.Locator("body")).Not.ToContainTextAsync("Benali");
        await link.ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Dossier sous pseudonyme");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Voir la version nominative" }).ClickAsync();
        await ReloadUntilAsync(() => Page.GetByRole(AriaRole.Heading, new() { Name = "Identité" }));

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Dossier nominatif");
        await Assertions.Expect(Page.Locator("main")).ToContainTextAsync("Benali");
    }

    // The row of "Mes dossiers" whose link opens the case (a locator given to Has is relative to the row).
    private ILocator RowOf(string caseId) => Page.Locator("tbody tr").Filter(new() { Has = Page.Locator($"a[href=\"/dossiers/{caseId}\"]") });

    private async Task<ILocator> ReloadUntilAsync(Func<ILocator> shown)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await shown().CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await Page.ReloadAsync();
        }

        await Assertions.Expect(shown()).ToHaveCountAsync(1);
        return shown();
    }
}
