using Clspd.Consent.Domain;
using Clspd.Consent.V1;

namespace Clspd.Consent.Tests.Domain;

public sealed class ConsentEvaluatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private static readonly SubjectFacts Adult = new("p-1", null, [], []);
    private static readonly SubjectFacts Minor = new("p-1", new DateOnly(2030, 5, 1), ["rep-a", "rep-b"], []);

    private static DecisionFact D(Decision decision, long revision, string by = "p-1", DateTimeOffset? at = null) => new(decision, by, at ?? T0, revision);

    private static InformingFact I(string party, DateTimeOffset? at = null) => new(party, at ?? T0.AddDays(-1), "n-1");

    [Theory]
    [InlineData(new[] { Decision.Given }, ConsentState.Permitted)]
    [InlineData(new[] { Decision.Refused }, ConsentState.Refused)]
    [InlineData(new[] { Decision.Given, Decision.Withdrawn }, ConsentState.Withdrawn)]
    [InlineData(new[] { Decision.Given, Decision.Refused }, ConsentState.Refused)]
    [InlineData(new[] { Decision.Refused, Decision.Given }, ConsentState.Permitted)]
    [InlineData(new[] { Decision.Given, Decision.Withdrawn, Decision.Given }, ConsentState.Permitted)]
    [InlineData(new Decision[0], ConsentState.NotAsked)]
    public void Evaluate_AdultDecisionsInRevisionOrder_LatestWins_CON_4(Decision[] decisions, ConsentState expected)
    {
        var answer = ConsentEvaluator.Evaluate("p-1", Adult, decisions.Select((d, i) => D(d, i + 1)), [I("p-1")], T0);

        Assert.Equal(expected, answer.State);
        Assert.True(answer.Informed);
    }

    [Fact]
    public void Evaluate_SameTimestamp_HigherRevisionWins_CON_4()
    {
        // Same instant, listed out of order: only the revision decides.
        var answer = ConsentEvaluator.Evaluate("p-1", Adult, [D(Decision.Withdrawn, 8), D(Decision.Given, 7)], [I("p-1")], T0);

        Assert.Equal(ConsentState.Withdrawn, answer.State);
        Assert.StartsWith("CON-4:", answer.Reasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_InstantBeforeDecision_DecisionIgnored_CON_4()
    {
        var answer = ConsentEvaluator.Evaluate("p-1", Adult, [D(Decision.Given, 1, at: T0.AddHours(1))], [I("p-1")], T0);

        Assert.Equal(ConsentState.NotAsked, answer.State);
    }

    [Fact]
    public void Evaluate_MinorWithOneRepresentativeMissing_IncompleteNamingThem_CON_3()
    {
        var answer = ConsentEvaluator.Evaluate("p-1", Minor, [D(Decision.Given, 1, "rep-a"), D(Decision.Given, 2, "p-1")],
            [I("p-1"), I("rep-a"), I("rep-b")], T0);

        Assert.Equal(ConsentState.Incomplete, answer.State);
        Assert.Equal(["rep-b"], answer.MissingDeciders);
        Assert.Contains("CON-3: the consent of legal representative rep-b is missing", answer.Reasons);
        Assert.True(answer.Minor);
    }

    [Fact]
    public void Evaluate_MinorEveryRepresentativeGave_PermittedWithTheMinorsView_CON_3()
    {
        var answer = ConsentEvaluator.Evaluate("p-1", Minor, [D(Decision.Given, 1, "rep-a"), D(Decision.Given, 2, "rep-b")],
            [I("p-1"), I("rep-a"), I("rep-b")], T0);

        Assert.Equal(ConsentState.Permitted, answer.State);
        Assert.Contains("CON-3: the minor's own view has not been recorded", answer.Reasons);
    }

    [Fact]
    public void Evaluate_MinorRefusesWhileRepresentativesGive_Refused_CON_4()
    {
        var answer = ConsentEvaluator.Evaluate("p-1", Minor,
            [D(Decision.Given, 1, "rep-a"), D(Decision.Given, 2, "rep-b"), D(Decision.Refused, 3, "p-1")], [I("p-1"), I("rep-a"), I("rep-b")], T0);

        Assert.Equal(ConsentState.Refused, answer.State);
        Assert.Contains(answer.Reasons, r => r.StartsWith("CON-4: the person refused", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_MinorWithoutRegisteredRepresentative_Incomplete_CON_3()
    {
        var orphan = Minor with { LegalRepresentatives = [] };
        var answer = ConsentEvaluator.Evaluate("p-1", orphan, [D(Decision.Given, 1, "p-1")], [I("p-1")], T0);

        Assert.Equal(ConsentState.Incomplete, answer.State);
    }

    [Fact]
    public void Evaluate_MinorRepresentativeNotInformed_NotInformedNamingThem_CON_2()
    {
        var answer = ConsentEvaluator.Evaluate("p-1", Minor, [], [I("p-1"), I("rep-a")], T0);

        Assert.False(answer.Informed);
        Assert.Equal(["rep-b"], answer.UninformedParties);
        Assert.Contains("CON-2: legal representative rep-b has not been informed", answer.Reasons);
    }

    [Fact]
    public void Evaluate_CameOfAgeAfterGivingAsMinor_NotAsked_CON_3()
    {
        var grown = Minor with { MinorUntil = new DateOnly(2026, 12, 1) };
        var answer = ConsentEvaluator.Evaluate("p-1", grown, [D(Decision.Given, 1, "p-1"), D(Decision.Given, 2, "rep-a"), D(Decision.Given, 3, "rep-b")],
            [I("p-1")], T0.AddDays(10));

        Assert.False(answer.Minor);
        Assert.Equal(ConsentState.NotAsked, answer.State);
    }

    [Fact]
    public void Evaluate_MeetingBeforeInforming_NamedDiscussionImpossible_CON_2()
    {
        var meeting = T0.AddDays(-2);
        var answer = ConsentEvaluator.Evaluate("p-1", Adult, [D(Decision.Given, 1)], [I("p-1", T0.AddDays(-1))], T0, meeting);

        Assert.Equal(ConsentState.Permitted, answer.State);
        Assert.False(answer.NamedDiscussionPossible);
        Assert.Equal(["p-1"], answer.UninformedParties);
    }

    [Fact]
    public void Evaluate_InformedBeforeMeetingAndPermitted_NamedDiscussionPossible_CON_2()
    {
        var answer = ConsentEvaluator.Evaluate("p-1", Adult, [D(Decision.Given, 1)], [I("p-1", T0.AddDays(-1))], T0, T0.AddDays(3));

        Assert.True(answer.NamedDiscussionPossible);
    }

    [Fact]
    public void Evaluate_UnknownSubject_NotAsked_CON_3()
    {
        var answer = ConsentEvaluator.Evaluate("p-9", null, [D(Decision.Given, 1, "p-9")], [I("p-9")], T0);

        Assert.Equal(ConsentState.NotAsked, answer.State);
    }
}
