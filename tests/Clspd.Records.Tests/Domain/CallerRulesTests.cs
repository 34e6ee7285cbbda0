using Clspd.Records.Domain;
using Clspd.Rules;

namespace Clspd.Records.Tests.Domain;

public sealed class CallerRulesTests
{
    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void RecordsPerson_NotDesignatedInCouncil_Denied_ACC_1(bool admin, bool designated, bool refused) =>
        AssertRefusal(refused, "ACC-1", "only participants designated in this council may record a person", CallerRules.RecordsPerson(admin, designated));

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void ReadsStatistics_NotDesignatedInCouncil_Denied_ACC_1(bool adminOrService, bool designated, bool refused) =>
        AssertRefusal(refused, "ACC-1", "only participants designated in this council may read its statistics", CallerRules.ReadsStatistics(adminOrService, designated));

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void ClosesMeeting_NotDesignatedInCouncil_Denied_ACC_1(bool adminOrService, bool designated, bool refused) =>
        AssertRefusal(refused, "ACC-1", "only participants designated in this council may close its meetings", CallerRules.ClosesMeeting(adminOrService, designated));

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void ReadsEvaluation_NotCoordinator_Denied_REC_11(bool admin, bool coordinator, bool refused) =>
        AssertRefusal(refused, "REC-11", "only the council's coordinator and administrators read its evaluation and charter-application reports",
            CallerRules.ReadsEvaluation(admin, coordinator));

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void RunsLifecycle_NeitherAdministratorNorService_Denied_REC_7(bool adminOrService, bool refused) =>
        AssertRefusal(refused, "REC-7", "the lifecycle job and the deletion log are reserved to administrators and services", CallerRules.RunsLifecycle(adminOrService));

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void RotatesMasterKey_NotAdministrator_Denied_REC_1(bool admin, bool refused) =>
        AssertRefusal(refused, "REC-1", "rotating the master key that seals every person's identity is reserved to administrators", CallerRules.RotatesMasterKey(admin));

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void LearnsCaselessPerson_NotCoordinator_TheUnknownIdAnswer_ACC_1(bool adminOrService, bool coordinator, bool refused) =>
        AssertRefusal(refused, "ACC-1", Unseen.Sentence, CallerRules.LearnsCaselessPerson(adminOrService, coordinator));

    [Theory]
    [InlineData("", "council-y", true)]
    [InlineData("council-x", "council-x", true)]
    [InlineData("council-x", "council-y", false)]
    [InlineData("council-x", null, false)]
    public void ActsFor_IssuerBoundToCouncils_DesignationElsewhereDoesNotCount_ACC_1(string bound, string? council, bool expected)
    {
        string[] councils = bound.Length == 0 ? [] : [bound];

        Assert.Equal(expected, CallerRules.ActsFor(councils, council));
    }

    private static void AssertRefusal(bool refused, string ruleId, string sentence, Violation? violation) =>
        Assert.Equal(refused ? $"{ruleId}: {sentence}" : null, violation?.ToString());
}
