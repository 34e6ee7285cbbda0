using Clspd.Registry.Domain;
using Clspd.Registry.V1;
using Clspd.Rules;

namespace Clspd.Registry.Tests.Domain;

/// <summary>REG-2: what a body takes, by kind and whether it is closed, table-driven.</summary>
public sealed class BodyRulesTests
{
    private static readonly DateTimeOffset Closed = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(GroupKind.Territorial, false, null)]
    [InlineData(GroupKind.Cddf, false, null)]
    [InlineData(GroupKind.Plenary, false, "plenary and restricted formations hold no cases: nobody is designated in them with case access")]
    [InlineData(GroupKind.Restricted, false, "plenary and restricted formations hold no cases: nobody is designated in them with case access")]
    [InlineData(GroupKind.Territorial, true, "the body is closed: it takes no new designations or meetings")]
    [InlineData(GroupKind.Plenary, true, "the body is closed: it takes no new designations or meetings")]
    public void TakesDesignations_ByKindAndClosure_OpenWorkingGroupsOnly_REG_2(GroupKind kind, bool closed, string? sentence)
    {
        var violation = BodyRules.TakesDesignations("g1", kind, closed ? Closed : null);

        Assert.Equal(sentence is null ? null : new Violation("REG-2", "g1", sentence), violation);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "the body is closed: it takes no new meetings")]
    public void TakesMeetings_Closed_Violation_REG_2(bool closed, string? sentence)
    {
        var violation = BodyRules.TakesMeetings("g1", closed ? Closed : null);

        Assert.Equal(sentence is null ? null : new Violation("REG-2", "g1", sentence), violation);
    }

    [Theory]
    [InlineData(false, null)]
    [InlineData(true, "the body is already closed")]
    public void Close_AlreadyClosed_Violation_REG_2(bool closed, string? sentence)
    {
        var violation = BodyRules.Close("g1", closed ? Closed : null);

        Assert.Equal(sentence is null ? null : new Violation("REG-2", "g1", sentence), violation);
    }
}
