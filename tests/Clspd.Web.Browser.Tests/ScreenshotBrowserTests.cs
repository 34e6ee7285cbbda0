using Microsoft.Playwright;

namespace Clspd.Web.Browser.Tests;

/// <summary>The README's picture of the console (<c>docs/console.png</c>), taken from the coordinator's council page.</summary>
[Collection(BrowserStackSharing.Name)]
public sealed class ScreenshotBrowserTests(BrowserStackFixture fixture) : BrowserTest(fixture)
{
    /// <summary>Set to the repository's docs/console.png to write the picture again; otherwise it is written under TestResults.</summary>
    public const string Variable = "CLSPD_CONSOLE_SCREENSHOT";

    [Fact]
    public async Task Screenshot_CouncilPage_WrittenAsAPng()
    {
        await SignInAsync(Fixture.Coordinator);
        await Page.GotoAsync($"{Console}/conseils/{Fixture.Council.Id}");
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Le conseil en un coup d'œil" })).ToBeVisibleAsync();
        var path = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } target
            ? target
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "console.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        var png = await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(File.Exists(path));
    }
}
