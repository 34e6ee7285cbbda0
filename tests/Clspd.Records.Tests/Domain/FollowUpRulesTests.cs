using Clspd.Records.Domain;
using Clspd.Records.V1;

namespace Clspd.Records.Tests.Domain;

public sealed class FollowUpRulesTests
{
    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "actions belong to a follow-up: start the follow-up of the case first")]
    public void Started_NoFollowUp_Violation_REC_3(bool started, string? sentence) => Assert.Equal(sentence, FollowUpRules.Started(started)?.Sentence);

    [Theory]
    [InlineData(null, false)]
    [InlineData(0, false)]
    [InlineData(5, false)]
    [InlineData(-1, true)]
    public void ActionDates_EndBeforeStart_InvalidEndDate_REC_3(int? endAfter, bool refused)
    {
        var start = new DateOnly(2026, 11, 1);
        var violation = FollowUpRules.ActionDates(start, endAfter is null ? null : start.AddDays(endAfter.Value));
        Assert.Equal(refused ? "end_date: REC-3: an action does not end before it starts" : null, violation is null ? null : $"{violation.Subject}: {violation}");
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "referral_id")]
    public void FromReferral_NotAReferralOfTheCase_InvalidReferralId_REC_3(bool ofCase, string? subject) => Assert.Equal(subject, FollowUpRules.FromReferral(ofCase)?.Subject);

    [Theory]
    [InlineData(MeasureNecessity.Unspecified, true)]
    [InlineData((MeasureNecessity)99, true)]
    public void Necessity_NoReasonToKnow_InvalidNecessity_REC_3(MeasureNecessity necessity, bool refused) =>
        Assert.Equal(refused ? "REC-3 necessity" : null, FollowUpRules.Necessity(necessity) is { } v ? $"{v.RuleId} {v.Subject}" : null);

    [Fact]
    public void Necessity_EveryDeclaredReason_Accepted_REC_3() =>
        Assert.All(Enum.GetValues<MeasureNecessity>().Where(n => n != MeasureNecessity.Unspecified), n => Assert.Null(FollowUpRules.Necessity(n)));

    [Theory]
    [InlineData(Classification.Confidential, true, null)]
    [InlineData(Classification.Confidential, false, "author_attests_not_secret")]
    [InlineData(Classification.Unspecified, true, "classification")]
    [InlineData(Classification.Secret, true, "classification")]
    public void Item_ConfidentialAndAttested_ViolationNamingTheField_REC_5(Classification classification, bool attested, string? subject)
    {
        var violation = FollowUpRules.Item(classification, attested);
        Assert.Equal(subject, violation?.Subject);
        Assert.Equal(subject is null ? null : "REC-5", violation?.RuleId);
    }
}
