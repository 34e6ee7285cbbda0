using Clspd.Records.Domain;

namespace Clspd.Records.Tests.Domain;

public sealed class CaseRulesTests
{
    private const int Coordination = 9;

    [Theory]
    [InlineData(false, new[] { 1 }, true)]
    [InlineData(false, new[] { 1, 3, 5 }, true)]
    [InlineData(false, new int[0], false)]
    [InlineData(false, new[] { 1, 1 }, false)]
    [InlineData(false, new[] { 1, 2, 3, 4, 5, 6 }, false)]
    [InlineData(true, new[] { Coordination }, true)]
    [InlineData(true, new[] { 1 }, false)]
    [InlineData(true, new[] { Coordination, 1 }, false)]
    public void ReferralProblem_SocialActionOnlyNeedForCoordination_REC_2(bool socialAction, int[] reasons, bool accepted) =>
        Assert.Equal(accepted, CaseRules.ReferralProblem(socialAction, reasons, Coordination) is null);

    [Theory]
    [InlineData("2026-01-10", 3, "2040-01-01", "2026-04-10")]  // end + 3 months
    [InlineData("2026-01-10", 36, "2027-06-01", "2027-06-01")] // the 25th birthday comes first
    [InlineData("2026-11-30", 3, "2027-02-28", "2027-02-28")]  // month arithmetic clamps; equal dates
    public void DestroyOn_EarlierOfArchivePeriodAnd25thBirthday_REC_7(string end, int months, string turns25, string expected) =>
        Assert.Equal(D(expected), CaseRules.DestroyOn(D(end), months, D(turns25)));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(3, true)]
    [InlineData(36, true)]
    [InlineData(37, false)]
    public void ArchivePeriodProblem_AtMostThreeYears_REC_7(int months, bool accepted) =>
        Assert.Equal(accepted, CaseRules.ArchivePeriodProblem(months) is null);

    [Theory]
    [InlineData("2026-01-01", "2026-01-01", true)]
    [InlineData("2026-01-02", "2026-01-01", false)]
    [InlineData("2026-01-01", "2026-12-01", false)] // after today
    public void EndDateProblem_NotBeforeStartNorInFuture_REC_3(string start, string end, bool accepted) =>
        Assert.Equal(accepted, CaseRules.EndDateProblem(D(start), D(end), D("2026-11-29")) is null);

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
}
