using Clspd.Records.Domain;
using Clspd.Rules;
using Clspd.Registry.V1;
using Google.Protobuf.WellKnownTypes;

namespace Clspd.Records.Tests.Domain;

public sealed class MoveRulesTests
{
    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "the case is archived: it no longer moves")]
    public void Movable_ArchivedCase_Violation_REC_7(bool active, string? sentence) => Assert.Equal(sentence, MoveRules.Movable(active)?.Sentence);

    [Theory]
    [InlineData("council-1", "cddf", true, false, null)]
    [InlineData("council-2", "cddf", true, false, "a case moves only to another body of its own council")]
    [InlineData("council-1", "cddf", false, false, "the target body does not hold cases (plenary or restricted formation, or closed)")]
    [InlineData("council-1", "cddf", true, true, "the target body does not hold cases (plenary or restricted formation, or closed)")]
    [InlineData("council-1", "group-1", true, false, "the case is already held by this body")]
    public void Target_OtherBodyOfTheCouncilHoldingCases_ViolationOnTarget_REC_8(string council, string id, bool mayHoldCases, bool closed, string? sentence)
    {
        var target = new Group { Id = id, CouncilId = council, MayHoldCases = mayHoldCases, ClosedAt = closed ? Timestamp.FromDateTime(DateTime.UnixEpoch) : null };
        var violation = MoveRules.Target("council-1", "group-1", target);
        Assert.Equal(sentence is null ? null : new Violation("REC-8", "target_group_id", sentence), violation);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "REC-8")]
    public void Moved_CaseChangedMeanwhile_Violation_REC_8(bool movedNow, string? ruleId) => Assert.Equal(ruleId, MoveRules.Moved(movedNow)?.RuleId);
}
