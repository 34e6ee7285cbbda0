using Clspd.Registry.Domain;
using Clspd.Rules;

namespace Clspd.Registry.Tests.Domain;

/// <summary>REG-4 and REG-5 on recording and ending a designation, table-driven.</summary>
public sealed class DesignationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-12-03T00:00:00Z", "2026-12-04T00:00:00Z", true)]
    [InlineData("2026-12-03T23:00:00Z", "2026-12-05T00:00:00Z", true)]
    [InlineData("2026-12-01T00:00:00Z", "2026-12-03T00:00:00Z", false)]
    [InlineData("2026-12-04T00:00:00Z", "2026-12-05T00:00:00Z", false)]
    public void CoversMeetingDay_ValidityAndMeetingDay_MustMeet_REG_4(string from, string to, bool covers)
    {
        var violation = DesignationRules.CoversMeetingDay("m1", new DateOnly(2026, 12, 3), DateTimeOffset.Parse(from, null), DateTimeOffset.Parse(to, null));

        Assert.Equal(covers ? null : new Violation("REG-4", "m1", "an occasional attendee is designated for the meeting of 2026-12-03: the validity must include that day"), violation);
    }

    [Theory]
    [InlineData(null, "2026-11-01", true)]
    [InlineData("2026-11-10T15:00:00Z", "2026-11-09", false)]
    [InlineData("2026-11-10T15:00:00Z", "2026-11-10", true)]
    [InlineData("2026-11-10T15:00:00Z", "2026-11-11", true)]
    public void OrderAfterBreach_OrderDateAgainstLastBreach_NewOrderNeeded_REG_5(string? breachAt, string orderDate, bool allowed)
    {
        var violation = DesignationRules.OrderAfterBreach("p1", DateOnly.Parse(orderDate, null), breachAt is null ? null : DateTimeOffset.Parse(breachAt, null));

        Assert.Equal(allowed ? null : new Violation("REG-5", "p1", "a confidentiality breach was recorded against this participant: only a new mayor's order, dated on or after the breach, designates them again"), violation);
    }

    [Theory]
    [InlineData(1, false, null)]
    [InlineData(-1, false, "the designation has already expired")]
    [InlineData(0, false, "the designation has already expired")]
    [InlineData(1, true, "the designation is already revoked")]
    [InlineData(-1, true, "the designation is already revoked")]
    public void Revoke_ExpiredOrRevoked_Violation_REG_5(int validToDays, bool revoked, string? sentence)
    {
        var violation = DesignationRules.Revoke("d1", Now.AddDays(validToDays), revoked ? Now.AddDays(-2) : null, Now);

        Assert.Equal(sentence is null ? null : new Violation("REG-5", "d1", sentence), violation);
    }
}
