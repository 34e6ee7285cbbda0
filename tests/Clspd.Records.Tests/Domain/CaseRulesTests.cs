using Clspd.Access.V1;
using Clspd.Records.Domain;
using Clspd.Rules;

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

    [Theory]
    [InlineData("2026-01-01", "2026-01-01", null)]
    [InlineData("2026-01-02", "2026-01-01", "must not be before the start date 2026-01-02")]
    [InlineData("2026-01-01", "2026-12-01", "must not be in the future")]
    public void EndDate_NotBeforeStartNorInFuture_InvalidEndDate_REC_3(string start, string end, string? sentence)
    {
        var violation = CaseRules.EndDate(D(start), D(end), D("2026-11-29"));
        Assert.Equal(sentence is null ? null : new Violation("REC-3", "end_date", sentence), violation);
    }

    [Theory]
    [InlineData(false, new[] { 1 }, null)]
    [InlineData(false, new int[0], "a referral carries at least one reason code")]
    [InlineData(false, new[] { 1, 1 }, "a referral carries 1 to 5 distinct reason codes")]
    [InlineData(true, new[] { 1 }, "a referral by a social professional under the social-action code records only the need for coordination, never the nature of the difficulties")]
    public void Referral_ReasonCodes_ViolationOnReasons_REC_2(bool socialAction, int[] reasons, string? sentence)
    {
        var violation = CaseRules.Referral(socialAction, reasons, Coordination);
        Assert.Equal(sentence is null ? null : new Violation("REC-2", "reasons", sentence), violation);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "REC-7")]
    public void Writable_ArchivedCase_Violation_REC_7(bool active, string? ruleId)
    {
        Assert.Equal(ruleId, CaseRules.Writable(active)?.RuleId);
        Assert.Equal(ruleId is null ? null : "the case is archived: it no longer changes and appears in no list", CaseRules.Writable(active)?.Sentence);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "the case is archived: only the coordinator may open it, one case at a time, with a reason (OpenArchivedCase)")]
    public void Readable_ArchivedCase_Violation_REC_7(bool active, string? sentence)
    {
        var violation = CaseRules.Readable(active);
        Assert.Equal(sentence is null ? null : new Violation("REC-7", "case_id", sentence), violation);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "REC-7")]
    public void Closed_AlreadyArchived_Violation_REC_7(bool closedNow, string? ruleId) => Assert.Equal(ruleId, CaseRules.Closed(closedNow)?.RuleId);

    [Theory]
    [InlineData(View.Pseudonymous, false)]
    [InlineData(View.Named, false)]
    [InlineData(View.MeasureOnly, false)]
    [InlineData(View.Unspecified, true)]
    [InlineData((View)99, true)]
    public void Shown_ViewRecordsDoesNotKnow_Violation_REC_6(View view, bool refused)
    {
        var violation = CaseRules.Shown(view);
        Assert.Equal(refused, violation is not null);
        Assert.Equal(refused ? "REC-6" : null, violation?.RuleId);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(500, false)]
    [InlineData(501, true)]
    public void Elements_AtMost500Characters_InvalidText_REC_3(int length, bool refused)
    {
        var violation = CaseRules.Elements(length);
        Assert.Equal(refused ? new Violation("REC-3", "text", $"the follow-up elements are at most 500 characters (got {length})") : null,
            violation);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "REC-2")]
    public void ReasonsKnown_UnknownCode_InvalidReasons_REC_2(bool allKnown, string? ruleId) => Assert.Equal(ruleId, CaseRules.ReasonsKnown(allKnown)?.RuleId);

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
}
