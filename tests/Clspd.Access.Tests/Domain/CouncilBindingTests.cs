using Clspd.Access.Domain;
using Clspd.Registry.V1;

namespace Clspd.Access.Tests.Domain;

/// <summary>ACC-1: only a principal's designations in the councils their issuer is bound to count.</summary>
public sealed class CouncilBindingTests
{
    private static DesignationFact In(string council) => new(Role.GroupMember, council, "g-" + council, InstitutionKind.SpecialisedPrevention, "",
        DateTimeOffset.MinValue, DateTimeOffset.MaxValue, null);

    [Fact]
    public void Counting_BoundToX_DesignationInYDoesNotCount_ACC_1()
    {
        DesignationFact[] designations = [In("council-x"), In("council-y")];

        Assert.Equal(["council-x"], CouncilBinding.Counting(designations, ["council-x"]).Select(d => d.CouncilId));
        Assert.Empty(CouncilBinding.Counting([In("council-y")], ["council-x"]));
    }

    [Fact]
    public void Counting_IssuerBoundToNoCouncil_EveryDesignationCounts_ACC_1()
    {
        DesignationFact[] designations = [In("council-x"), In("council-y")];

        Assert.Same(designations, CouncilBinding.Counting(designations, []));
    }
}
