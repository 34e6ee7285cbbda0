namespace Clspd.Architecture.Tests;

/// <summary>
/// The shape every service keeps (README, contributing): Api holds the gRPC classes and their
/// mapping, Domain the pure rules, Peers the calls to other services, Store the database; folders
/// for capabilities; no cycle between folders; no service referencing another.
/// </summary>
public sealed class ServiceArchitectureTests
{
    [Theory]
    [MemberData(nameof(ServiceAssemblies.Names), MemberType = typeof(ServiceAssemblies))]
    public void Services_DoNotReferenceEachOther_Architecture(string service)
    {
        var references = ArchitectureRules.ServiceReferences(ServiceAssemblies.ByName[service], ServiceAssemblies.ByName.Values);

        var projects = ArchitectureRules.ServiceProjectReferences(File.ReadAllText(Repository.ProjectOf(service)), service, ServiceAssemblies.ByName.Keys);

        Assert.True(references.Count == 0 && projects.Count == 0,
            $"Clspd.{service} references {string.Join(", ", [.. references, .. projects])}: services talk through their contracts (protos), never through each other's code");
    }

    [Theory]
    [MemberData(nameof(ServiceAssemblies.Names), MemberType = typeof(ServiceAssemblies))]
    public void Domain_DependsOnNoInfrastructure_Architecture(string service)
    {
        var root = "Clspd." + service;
        var failing = ArchitectureRules.DomainInfrastructure(ServiceAssemblies.ByName[service], root);

        Assert.True(failing.Count == 0,
            $"{root}.Domain must take facts and return decisions with no I/O; these types depend on one of {string.Join(", ", ArchitectureRules.ForbiddenInDomain(root))}: " +
            string.Join(", ", failing));
    }

    [Theory]
    [MemberData(nameof(ServiceAssemblies.Names), MemberType = typeof(ServiceAssemblies))]
    public void Peers_UsedOnlyByApiAndCapabilities_Architecture(string service)
    {
        var root = "Clspd." + service;
        var failing = ArchitectureRules.PeersOutsideApiAndCapabilities(ServiceAssemblies.ByName[service], root);

        Assert.True(failing.Count == 0, $"{root}.Peers is used only by Api and capability folders, never by Domain or Store: " + string.Join(", ", failing));
    }

    [Theory]
    [MemberData(nameof(ServiceAssemblies.Names), MemberType = typeof(ServiceAssemblies))]
    public void Store_DoesNotUseApiOrPeers_Architecture(string service)
    {
        var root = "Clspd." + service;
        var failing = ArchitectureRules.StoreUsingApiOrPeers(ServiceAssemblies.ByName[service], root);

        Assert.True(failing.Count == 0, $"{root}.Store runs SQL for its callers and uses neither Api nor Peers: " + string.Join(", ", failing));
    }

    [Theory]
    [MemberData(nameof(ServiceAssemblies.Names), MemberType = typeof(ServiceAssemblies))]
    public void Namespaces_HaveNoCycles_Architecture(string service)
    {
        var root = "Clspd." + service;
        var cycles = ArchitectureRules.NamespaceCycles(ServiceAssemblies.ByName[service], root);

        Assert.True(cycles.Count == 0, $"{root} has folder cycles (Api → capability → Peers/Domain/Store is the direction): " + string.Join(" | ", cycles));
    }
}
