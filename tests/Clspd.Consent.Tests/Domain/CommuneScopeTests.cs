using Clspd.Consent.Domain;
using Clspd.Registry.V1;

namespace Clspd.Consent.Tests.Domain;

/// <summary>Which councils a commune's services see when the department serves several communes, and how the communes are checked at start-up.</summary>
public sealed class CommuneScopeTests
{
    private static readonly Commune A = new("a", "commune-a", ["council-a1", "council-a2"], "https://registry.commune-a.example:5081");
    private static readonly Commune B = new("b", "commune-b", ["council-b"], "https://registry.commune-b.example:5081");

    [Fact]
    public void CouncilsVisibleTo_NoCommuneConfigured_NoRestriction_ACC_1()
    {
        Assert.Null(CommuneScope.CouncilsVisibleTo([], "commune-a"));
        Assert.True(CommuneScope.Sees(null, null));
        Assert.Null(CommuneScope.MayConcern(null, "any-council"));
    }

    [Theory]
    [InlineData("commune-a", "council-a1,council-a2")]
    [InlineData("commune-b", "council-b")]
    [InlineData("department", "")]
    [InlineData(null, "")]
    public void CouncilsVisibleTo_Organisation_OnlyTheCouncilsItsCommuneRuns_ACC_1(string? organisation, string expected)
    {
        var visible = CommuneScope.CouncilsVisibleTo([A, B], organisation);

        Assert.Equal(expected, string.Join(",", visible!.Order(StringComparer.Ordinal)));
    }

    [Theory]
    [InlineData("council-a1", true)]
    [InlineData("council-b", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Sees_CommuneA_OwnCouncilsOnly_SubjectWithoutCouncilToNobody_ACC_1(string? council, bool expected)
    {
        var visible = CommuneScope.CouncilsVisibleTo([A, B], "commune-a");

        Assert.Equal(expected, CommuneScope.Sees(visible, council));
        Assert.Equal(expected ? null : "ACC-1", CommuneScope.MayConcern(visible, council)?.RuleId);
    }

    [Theory]
    [InlineData("council-a2", "a")]
    [InlineData("council-b", "b")]
    [InlineData("council-c", null)]
    [InlineData("", null)]
    public void CommuneOf_Council_TheCommuneThatRunsIt(string council, string? expected)
    {
        Assert.Equal(expected, CommuneScope.CommuneOf([A, B], council)?.Name);
    }

    [Fact]
    public void Problems_WellFormed_None()
    {
        Assert.Empty(CommuneScope.Problems([A, B]));
    }

    [Fact]
    public void Problems_CouncilInTwoCommunes_SentenceNamesBothSettings()
    {
        var problems = CommuneScope.Problems([A, B with { Councils = ["council-b", "council-a2"] }]);

        Assert.Equal(["Consent:Communes:b:Councils names council 'council-a2', which Consent:Communes:a already runs: a council belongs to one commune"], problems);
    }

    [Fact]
    public void Problems_CommuneWithoutRegistryOrganisationOrCouncils_OneSentenceEach()
    {
        var problems = CommuneScope.Problems([new Commune("c", null, [], " ")]);

        Assert.Equal(
        [
            "Consent:Communes:c:Organisation is not set: name the organisation its services' certificates (O) and tokens carry",
            "Consent:Communes:c:Registry is not set: give the address of the commune's registry (https://…)",
            "Consent:Communes:c:Councils is empty: list the council ids the commune runs",
        ], problems);
    }

    [Theory]
    [InlineData("", "council-y", true)]
    [InlineData("council-x", "council-x", true)]
    [InlineData("council-x", "council-y", false)]
    [InlineData("council-x", "", true)]
    public void ActsFor_IssuerBoundToCouncils_OnlyThoseCount_ACC_1(string bound, string council, bool expected)
    {
        string[] councils = bound.Length == 0 ? [] : [bound];

        Assert.Equal(expected, CouncilBinding.ActsFor(councils, council));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("council-x", false)]
    public void ActsForUnknownSubject_OnlyUnboundCallers_ACC_1(string bound, bool expected)
    {
        string[] councils = bound.Length == 0 ? [] : [bound];

        Assert.Equal(expected, CouncilBinding.ActsForUnknownSubject(councils));
    }

    [Fact]
    public void MayReRegister_SubjectOfAnotherCommunesCouncil_RefusedWithoutNamingIt_ACC_1()
    {
        var visible = new HashSet<string>(["council-b"]);

        var refused = CommuneScope.MayReRegister(visible, "council-a");

        Assert.Equal(("ACC-1", "subject_ref"), (refused?.RuleId, refused?.Subject));
        Assert.DoesNotContain("council-a", refused!.Sentence, StringComparison.Ordinal);
        Assert.Null(CommuneScope.MayReRegister(visible, "council-b"));
        Assert.Null(CommuneScope.MayReRegister(null, "council-a"));
    }

    [Fact]
    public void Counting_IssuerBoundToX_DesignationInYDoesNotCount_ACC_1()
    {
        Designation[] designations = [new() { GroupId = "g-x", CouncilId = "council-x" }, new() { GroupId = "g-y", CouncilId = "council-y" }];

        Assert.Equal(["g-x"], CouncilBinding.Counting(designations, ["council-x"]).Select(d => d.GroupId));
        Assert.Equal(["g-x", "g-y"], CouncilBinding.Counting(designations, []).Select(d => d.GroupId));
    }
}
