using Clspd.Consent.Domain;
using Clspd.Consent.V1;
using Clspd.Rules;

namespace Clspd.Consent.Tests.Domain;

/// <summary>The refusals of CON-3 and CON-4 when deciding and withdrawing, table-driven.</summary>
public sealed class ConsentRulesViolationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("p-1", "n-1", -1, true)]
    [InlineData("p-1", "n-1", 0, true)]
    [InlineData("p-1", "n-1", 1, false)]
    [InlineData("p-1", "n-2", -1, false)]
    [InlineData("rep-1", "n-1", -1, false)]
    public void InformedBeforeDeciding_InformingOfDecider_Needed_CON_3(string decidedBy, string noticeVersion, int informedMinutes, bool allowed)
    {
        var informings = new[] { new InformingFact("p-1", Now.AddMinutes(informedMinutes), "n-1") };

        var violation = ConsentRules.InformedBeforeDeciding(informings, decidedBy, Now, noticeVersion);

        Assert.Equal(allowed ? null : new Violation("CON-3", decidedBy,
            $"no decision without prior informing: {decidedBy} has not been informed with notice {noticeVersion}; record the informing first"), violation);
    }

    [Theory]
    [InlineData(DeciderRole.Subject, true)]
    [InlineData(DeciderRole.MinorView, true)]
    [InlineData(DeciderRole.LegalRepresentative, true)]
    [InlineData(DeciderRole.Unspecified, false)]
    public void MayDecideAs_RepresentativeOfAdult_Violation_CON_3(DeciderRole role, bool allowed) =>
        Assert.Equal(allowed ? null : new Violation("CON-3", "rep-1", "the person is of age: they decide themselves, not legal representative rep-1"),
            ConsentRules.MayDecideAs(role, "rep-1"));

    [Theory]
    [InlineData(null, false)]
    [InlineData(Decision.Given, true)]
    [InlineData(Decision.Refused, false)]
    [InlineData(Decision.Withdrawn, false)]
    public void Withdrawable_LatestDecisionOfDecider_MustBeGiven_CON_4(Decision? latest, bool allowed)
    {
        var fact = latest is null ? null : new DecisionFact(latest.Value, "p-1", Now, 3);

        Assert.Equal(allowed ? null : new Violation("CON-4", "p-1", "no consent of p-1 is in force for this purpose: there is nothing to withdraw"),
            ConsentRules.Withdrawable(fact, "p-1"));
    }
}
