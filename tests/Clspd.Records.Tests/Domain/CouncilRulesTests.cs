using Clspd.Records.Domain;
using Clspd.Rules;

namespace Clspd.Records.Tests.Domain;

public sealed class CouncilRulesTests
{
    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void CaseDataWritable_CouncilNotReady_ViolationNamingTheCouncil_REG_1(bool ready, bool refused)
    {
        var violation = CouncilRules.CaseDataWritable(ready, "council-1");
        Assert.Equal(refused ? new Violation("REG-1", "council-1", "the council has not named its controller and coordinator: no case data may be written") : null,
            violation);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void NominativeProcessing_CouncilNotReady_ViolationNamingTheCouncil_REG_1(bool ready, bool refused)
    {
        var violation = CouncilRules.NominativeProcessing(ready, "council-1");
        Assert.Equal(refused ? new Violation("REG-1", "council-1", "the council has not named its controller and coordinator: no nominative processing yet") : null,
            violation);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void HoldsCases_PlenaryOrRestricted_ViolationNamingTheGroup_REG_2(bool mayHoldCases, bool refused)
    {
        var violation = CouncilRules.HoldsCases(mayHoldCases, "group-1");
        Assert.Equal(refused ? new Violation("REG-2", "group-1", "plenary and restricted formations never hold cases") : null,
            violation);
    }
}
