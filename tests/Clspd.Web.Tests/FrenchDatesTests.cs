using Clspd.Testing;
using Clspd.Web.Display;
using Clspd.Web.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;

namespace Clspd.Web.Tests;

/// <summary>Dates in French, in Paris time, "today" from the injected clock.</summary>
public sealed class FrenchDatesTests
{
    [Fact]
    public void Today_FakeClock_FrenchWordsInParis()
    {
        var clock = TestClock.Create();
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 23, 30, 0, TimeSpan.Zero));

        // 23:30 UTC on Sunday is 00:30 on Monday in Paris.
        Assert.Equal("lundi 30 novembre 2026", new FrenchDates(clock).Today);
    }

    [Theory]
    [InlineData("2026-07-01T22:30:00Z", "02/07/2026 à 00:30")]
    [InlineData("2026-12-07T05:06:00Z", "07/12/2026 à 06:06")]
    [InlineData("2026-03-29T01:00:00Z", "29/03/2026 à 03:00")]
    public void When_Instant_ParisTimeFrenchFormat(string utc, string expected) =>
        Assert.Equal(expected, FrenchDates.When(Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture))));

    [Fact]
    public void Day_Date_FrenchFormat() =>
        Assert.Equal("05/01/2027", FrenchDates.Day(new Google.Type.Date { Year = 2027, Month = 1, Day = 5 }));

    [Fact]
    public async Task Page_Footer_ShowsTodayFromInjectedClock()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();

        var html = await (await browser.GetAsync("/erreur")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("dimanche 29 novembre 2026", html, StringComparison.Ordinal);
    }
}
