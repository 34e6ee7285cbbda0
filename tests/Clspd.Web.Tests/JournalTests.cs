using System.Net;
using Clspd.Access.V1;
using Clspd.Web.Display;
using Clspd.Web.Tests.Infrastructure;

namespace Clspd.Web.Tests;

/// <summary>The audit pages: verification in steps with its progress, the person's own history, the charts' withheld cells.</summary>
public sealed class JournalTests
{
    private const string Token = "access-token-for-journal";

    [Fact]
    public async Task Verification_Incomplete_ShowsProgressAndNextStep()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new VerifyAuditResponse { Intact = true, EntriesChecked = 2000, LastSequence = 2000, HeadHash = "abc", TrailLength = 5000, Complete = false });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("coordo", Token, "/journal/verification");

        var html = await (await browser.GetAsync("/journal/verification")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Vérification en cours : 2000 entrées vérifiées sur 5000.", html, StringComparison.Ordinal);
        Assert.Contains("<progress max=\"5000\" value=\"2000\">", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/journal/verification?apres=2000&amp;empreinte=abc&amp;verifiees=2000\"", html, StringComparison.Ordinal);
        Assert.Contains("/js/progression.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verification_NextStep_ContinuesFromLastHashAndEndsIntact()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new VerifyAuditResponse { Intact = true, EntriesChecked = 3000, LastSequence = 5000, HeadHash = "def", TrailLength = 5000, Complete = true });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("coordo", Token, "/journal/verification");

        var html = await (await browser.GetAsync("/journal/verification?apres=2000&empreinte=abc&verifiees=2000")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var request = Assert.IsType<VerifyAuditRequest>(Assert.Single(gateway.Requests));
        Assert.Equal(2000, request.AfterSequence);
        Assert.Equal("abc", request.AfterHash);
        Assert.Contains("Journal intact : 5000 entrées vérifiées.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-suite-auto", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyAccesses_AsksOnlyMyOwnEntries()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("camille", Token, "/mes-acces");

        var answer = await browser.GetAsync("/mes-acces");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("camille", Assert.IsType<ListAuditEntriesRequest>(Assert.Single(gateway.Requests)).Principal);
    }

    [Fact]
    public void BarChart_WithheldCell_NoBarAndMasked_REC_11()
    {
        var chart = BarChart.Of([("Groupe Nord", 12, false), ("Groupe <Sud>", 0, true)]);

        var svg = chart.Svg("tableau-1");

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(svg, "<rect "));
        Assert.Contains(">masqué</text>", svg, StringComparison.Ordinal);
        Assert.Contains("Groupe &lt;Sud&gt;", svg, StringComparison.Ordinal);
        Assert.Contains(">12</text>", svg, StringComparison.Ordinal);
    }
}
