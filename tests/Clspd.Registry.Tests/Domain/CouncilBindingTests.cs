using Clspd.Registry.Domain;

namespace Clspd.Registry.Tests.Domain;

/// <summary>A person acts only for the councils their token's issuer is bound to; an unbound issuer restricts nothing.</summary>
public sealed class CouncilBindingTests
{
    [Theory]
    [InlineData("", "council-y", true)]
    [InlineData("council-x", "council-x", true)]
    [InlineData("council-x", "council-y", false)]
    [InlineData("council-x", null, false)]
    public void ActsFor_IssuerBoundToCouncils_OnlyThoseCount_REG_1(string bound, string? council, bool expected)
    {
        string[] councils = bound.Length == 0 ? [] : [bound];

        Assert.Equal(expected, CouncilBinding.ActsFor(councils, council));
    }

    [Fact]
    public void Counting_CoordinatorOfXAndY_BoundToX_OnlyXCounts_REG_1()
    {
        Assert.Equal(["council-x"], CouncilBinding.Counting(["council-x", "council-y"], ["council-x"]));
        Assert.Equal(["council-x", "council-y"], CouncilBinding.Counting(["council-x", "council-y"], []));
        Assert.Empty(CouncilBinding.Counting(["council-y"], ["council-x"]));
    }
}
