using System.Reflection;

namespace Clspd.Architecture.Tests;

/// <summary>
/// Each rule fails when broken: run on the deliberately bad service under
/// <c>Clspd.Architecture.Tests.Fixtures.Bad</c> (types of this assembly), it names the culprits.
/// </summary>
public sealed class RulesCatchViolationsTests
{
    private const string Bad = "Clspd.Architecture.Tests.Fixtures.Bad";

    private static Assembly Fixtures => typeof(RulesCatchViolationsTests).Assembly;

    [Fact]
    public void Services_AssemblyReferencingServices_Named_Architecture()
    {
        // This test assembly references the four services, as no service may reference another.
        Assert.Equal(["Clspd.Access", "Clspd.Consent", "Clspd.Records", "Clspd.Registry"],
            ArchitectureRules.ServiceReferences(Fixtures, ServiceAssemblies.ByName.Values));
    }

    [Fact]
    public void Services_ProjectReferencingAnotherService_Named_Architecture()
    {
        const string Project = """
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <ItemGroup>
                <ProjectReference Include="..\Clspd.ServiceDefaults\Clspd.ServiceDefaults.csproj" />
                <ProjectReference Include="..\Clspd.Registry\Clspd.Registry.csproj;..\Clspd.Records\Clspd.Records.csproj" />
                <ProjectReference Include="../Clspd.Access/Clspd.Access.csproj" />
              </ItemGroup>
            </Project>
            """;

        Assert.Equal([@"..\Clspd.Registry\Clspd.Registry.csproj", "../Clspd.Access/Clspd.Access.csproj"],
            ArchitectureRules.ServiceProjectReferences(Project, "Records", ServiceAssemblies.ByName.Keys));
    }

    [Fact]
    public void Domain_RuleUsingTheDatabaseOrAPeer_Named_Architecture()
    {
        Assert.Equal([$"{Bad}.Domain.RuleCallingAPeer", $"{Bad}.Domain.RuleReadingTheDatabase"],
            ArchitectureRules.DomainInfrastructure(Fixtures, Bad).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Peers_UsedByDomainAndStore_Named_Architecture()
    {
        Assert.Equal([$"{Bad}.Domain.RuleCallingAPeer", $"{Bad}.Store.StoreCallingAPeer"],
            ArchitectureRules.PeersOutsideApiAndCapabilities(Fixtures, Bad).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Store_UsingApiOrPeers_Named_Architecture()
    {
        Assert.Equal([$"{Bad}.Store.StoreCallingAPeer", $"{Bad}.Store.StoreUsingTheApi"],
            ArchitectureRules.StoreUsingApiOrPeers(Fixtures, Bad).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Namespaces_TwoFoldersUsingEachOther_CycleNamed_Architecture()
    {
        var cycle = Assert.Single(ArchitectureRules.NamespaceCycles(Fixtures, Bad));

        Assert.Equal($"{Bad}.Cases → {Bad}.Lifecycle (CaseFlow uses Retention); {Bad}.Lifecycle → {Bad}.Cases (Retention uses CaseFlow)", cycle);
    }

    [Fact]
    public void NamespaceGraph_OneWayUses_NoCycle_Architecture()
    {
        var graph = NamespaceGraph.Read(Fixtures, Bad);

        Assert.True(graph.Uses($"{Bad}.Domain", $"{Bad}.Peers"));
        Assert.False(graph.Uses($"{Bad}.Peers", $"{Bad}.Domain"));
        Assert.True(graph.Uses($"{Bad}.Store", $"{Bad}.Api"));
    }
}
