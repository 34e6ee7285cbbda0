using Clspd.Records.Domain;

namespace Clspd.Records.Tests.Domain;

public sealed class KeyRulesTests
{
    [Fact]
    public void AllKnown_NoUnknownMasterKey_NoViolation_REC_1() => Assert.Null(KeyRules.AllKnown([], "Records:PreviousMasterKeyFiles"));

    [Fact]
    public void AllKnown_KeysUnderUnknownMasterKeys_ViolationCountingThem_REC_1()
    {
        var violation = KeyRules.AllKnown([("mk-old", 2), ("mk-older", 1)], "Records:PreviousMasterKeyFiles");

        Assert.Equal(("REC-1", "Records:PreviousMasterKeyFiles",
            "3 data key(s) are sealed under master key(s) mk-old, mk-older that this service does not have: add their files to Records:PreviousMasterKeyFiles and rotate again"),
            violation is null ? default : (violation.RuleId, violation.Subject, violation.Sentence));
    }
}
