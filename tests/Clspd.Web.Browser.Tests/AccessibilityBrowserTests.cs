using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Clspd.Web.Browser.Tests;

/// <summary>An axe-core scan of every page of the console (and of the sign-in page): no serious or critical violation (RGAA / WCAG 2.1 AA).</summary>
[Collection(BrowserStackSharing.Name)]
public sealed class AccessibilityBrowserTests(BrowserStackFixture fixture) : BrowserTest(fixture)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>Every route of docs/console.md with the seeded ids put in (case pages on the consented case).</summary>
    public static TheoryData<string> Routes =>
    [
        "/", "/conseils/{council}", "/conseils/{council}/manquement", "/conseils/{council}/evaluation", "/conseils/{council}/rapport",
        "/groupes/{group}", "/groupes/{group}/reunions", "/designations/nouvelle", "/designations/revoquer",
        "/dossiers", "/dossiers/{case}", "/dossiers/{case}/element", "/dossiers/{case}/suivi", "/dossiers/{case}/deplacer",
        "/personnes/{person}/consentement", "/personnes/{person}/export", "/journal", "/journal/verification", "/mes-acces", "/acces-refuse",
        "/conseils/{council}/notices", "/conseils/{council}/export", "/administration", "/administration/conseil", "/administration/groupe",
        "/administration/institution", "/administration/participant", "/administration/cycle-de-vie",
    ];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Page_AxeScan_NoSeriousOrCriticalViolation(string route)
    {
        await SignInAsync(Fixture.Coordinator);
        var path = route.Replace("{council}", Fixture.Council.Id, StringComparison.Ordinal).Replace("{group}", Fixture.Group.Id, StringComparison.Ordinal)
            .Replace("{case}", Fixture.ConsentedCase, StringComparison.Ordinal).Replace("{person}", Fixture.WithdrawnSubjectRef, StringComparison.Ordinal);

        await Page.GotoAsync(Console + path);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

        await AssertAccessibleAsync();
    }

    [Fact]
    public async Task SignInPage_AxeScan_NoSeriousOrCriticalViolation()
    {
        await Page.GotoAsync(Console + "/");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Connexion de développement" })).ToBeVisibleAsync();

        await AssertAccessibleAsync();
    }

    private async Task AssertAccessibleAsync()
    {
        var result = await Page.RunAxe();
        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).Select(v => $"{v.Impact} {v.Id}: {v.Help} ({v.Nodes.Length} element(s), e.g. {v.Nodes.FirstOrDefault()?.Html})").ToList();

        Assert.True(blocking.Count == 0, $"{Page.Url}:\n" + string.Join("\n", blocking));
    }
}
