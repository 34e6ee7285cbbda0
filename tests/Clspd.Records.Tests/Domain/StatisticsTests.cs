using Clspd.Records.Domain;

namespace Clspd.Records.Tests.Domain;

public sealed class StatisticsTests
{
    [Theory]
    [InlineData(0, 5, 0, false)]
    [InlineData(1, 5, 0, true)]
    [InlineData(4, 5, 0, true)]
    [InlineData(5, 5, 5, false)]
    [InlineData(12, 5, 12, false)]
    [InlineData(9, 10, 0, true)]
    public void Cell_UnderThreshold_Suppressed_REC_11(int count, int threshold, int shown, bool suppressed) =>
        Assert.Equal((shown, suppressed), Statistics.Cell(count, threshold));

    [Theory]
    [InlineData("2026-01-15", "2026-04-14", "under 3 months")]
    [InlineData("2026-01-15", "2026-04-15", "3-6 months")]
    [InlineData("2026-01-15", "2026-12-31", "6-12 months")]
    [InlineData("2025-01-15", "2026-01-15", "12 months or more")]
    public void DurationBand_ByWholeMonths_REC_11(string start, string end, string band) =>
        Assert.Equal(band, Statistics.DurationBand(DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture)));
}
