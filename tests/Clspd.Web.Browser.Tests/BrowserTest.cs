using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Clspd.Web.Browser.Tests;

/// <summary>
/// A fresh browser context per test (no cookie shared between people), signed in through the
/// development sign-in page; when the test fails, a screenshot of every page it left open is kept
/// under <c>TestResults/browser/</c>.
/// </summary>
public abstract class BrowserTest(BrowserStackFixture fixture) : IAsyncLifetime
{
    /// <summary>How long a page may take on a loaded machine: a deadline, never a pause.</summary>
    protected static readonly float Patience = 60_000;

    private IBrowserContext? _context;

    protected BrowserStackFixture Fixture => fixture;

    protected IPage Page { get; private set; } = null!;

    protected string Console => fixture.Stack.WebAddress.ToString().TrimEnd('/');

    public async ValueTask InitializeAsync()
    {
        Assert.SkipUnless(BrowserStackFixture.ChromiumInstalled, BrowserStackFixture.SkipReason);
        _context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR", TimezoneId = "Europe/Paris" });
        _context.SetDefaultTimeout(Patience);
        _context.SetDefaultNavigationTimeout(Patience);
        Page = await _context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_context is null)
        {
            return;
        }

        if (TestContext.Current.TestState?.Result == TestResult.Failed)
        {
            await KeepScreenshotsAsync(_context);
        }

        await _context.DisposeAsync();
    }

    /// <summary>Opens the console, is sent to the development sign-in, signs in as <paramref name="subject"/> and lands on "Mes groupes".</summary>
    protected async Task SignInAsync(string subject)
    {
        await Page.GotoAsync(Console + "/");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Connexion de développement" })).ToBeVisibleAsync();
        await Page.GetByLabel("Identifiant (sub)").FillAsync(subject);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        // The redirects back to the console may pass through several pages: what counts is the page they end on,
        // awaited by its own content rather than by the load event of one navigation.
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Mes groupes", Level = 1 })).ToBeVisibleAsync(new() { Timeout = Patience });
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("^" + Regex.Escape(Console) + "/"));
    }

    private static async Task KeepScreenshotsAsync(IBrowserContext context)
    {
        var test = TestContext.Current.Test?.TestDisplayName ?? "test";
        var name = Regex.Replace(test, "[^A-Za-z0-9_.-]+", "_");
        var folder = Path.Combine(ResultsDirectory(), "browser");
        Directory.CreateDirectory(folder);
        var pages = context.Pages.ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            var path = Path.Combine(folder, $"{name}-{i}.png");
            await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            TestContext.Current.AddAttachment($"screenshot-{i}", path);
        }
    }

    /// <summary>The repository's TestResults folder (CI keeps it as an artifact), else the test output's.</summary>
    private static string ResultsDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Clspd.Services.sln")))
            {
                return Path.Combine(dir.FullName, "TestResults");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "TestResults");
    }
}
