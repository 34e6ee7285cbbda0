using Clspd.Records.Domain;

namespace Clspd.Records.Tests.Domain;

public sealed class EvaluationClockTests
{
    private static readonly DateTimeOffset Created = new(2025, 3, 10, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null, "2026-03-10T08:59:59Z", false)]
    [InlineData(null, "2026-03-10T09:00:00Z", true)]
    [InlineData("2026-01-05T10:00:00Z", "2026-11-29T09:00:00Z", false)]
    [InlineData("2025-06-01T10:00:00Z", "2026-06-01T10:00:00Z", true)]
    public void Of_TwelveMonthsWithoutReport_Overdue_REC_11(string? lastReport, string now, bool overdue)
    {
        DateTimeOffset? last = lastReport is null ? null : DateTimeOffset.Parse(lastReport, System.Globalization.CultureInfo.InvariantCulture);

        var state = EvaluationClock.Of(last, Created, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(overdue, state.Overdue);
        Assert.Equal(last ?? Created, state.Since);
        Assert.Equal((last ?? Created).AddMonths(12), state.DueAt);
    }

    [Fact]
    public void Year_CalendarYearInUtc_REC_11() =>
        Assert.Equal((new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)), EvaluationClock.Year(2026));
}
