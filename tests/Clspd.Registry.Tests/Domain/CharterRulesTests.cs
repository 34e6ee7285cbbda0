using Clspd.Registry.Domain;
using Clspd.Rules;

namespace Clspd.Registry.Tests.Domain;

/// <summary>REG-3: the charter signed and accepted before a designation, table-driven.</summary>
public sealed class CharterRulesTests
{
    [Theory]
    [InlineData("2026-1", true, true, null)]
    [InlineData(null, true, true, "the council has published no charter version yet: nobody takes part before the charter exists")]
    [InlineData("2026-1", false, true, "the participant's institution has not signed the current charter version '2026-1'")]
    [InlineData("2026-1", true, false, "the participant has not personally accepted the current charter version '2026-1' and acknowledged that every access is traced")]
    [InlineData("2026-1", false, false, "neither the participant's institution has signed nor the participant has accepted the current charter version '2026-1'")]
    public void AllowsDesignation_SignatureAndAcceptance_BothNeeded_REG_3(string? version, bool institutionSigned, bool accepted, string? sentence)
    {
        var violation = CharterRules.AllowsDesignation("p1", version, institutionSigned, accepted);

        Assert.Equal(sentence is null ? null : new Violation("REG-3", "p1", sentence), violation);
    }

    [Fact]
    public void NotRegisteredParticipant_AcceptsPersonallyOnly_REG_3() =>
        Assert.Equal(("REG-3", "", "the charter is accepted personally, by a registered participant with their own token"),
            (CharterRules.NotRegisteredParticipant.RuleId, CharterRules.NotRegisteredParticipant.Subject, CharterRules.NotRegisteredParticipant.Sentence));
}
