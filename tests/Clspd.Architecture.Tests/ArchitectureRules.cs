using System.Reflection;
using NetArchTest.Rules;

namespace Clspd.Architecture.Tests;

/// <summary>
/// The rules of a service's shape, each returning what breaks it (empty when it holds), for a
/// service whose types live under <c>root</c> (<c>Clspd.Access</c>, or a fixture's namespace).
/// </summary>
public static class ArchitectureRules
{
    /// <summary>
    /// What Domain may not depend on: ASP.NET Core, gRPC's server and call types, Dapper and
    /// ADO.NET, the shared hosting defaults, and the service's own Store, Api and Peers. Generated
    /// proto messages (<c>Clspd.*.V1</c>), Google.Protobuf and the contracts' rules are allowed.
    /// </summary>
    public static string[] ForbiddenInDomain(string root) =>
    [
        "Microsoft.AspNetCore", "Grpc.Core", "Grpc.AspNetCore", "Grpc.Net", "Dapper", "System.Data", "Microsoft.Data", "Clspd.ServiceDefaults",
        root + ".Store", root + ".Api", root + ".Peers",
    ];

    /// <summary>Types of <c>{root}.Domain</c> that depend on something <see cref="ForbiddenInDomain"/>.</summary>
    public static IReadOnlyList<string> DomainInfrastructure(Assembly assembly, string root) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace(root + ".Domain").ShouldNot().HaveDependencyOnAny(ForbiddenInDomain(root)).GetResult());

    /// <summary>Types of Domain or Store (the only folders that may not call other services) that use <c>{root}.Peers</c>.</summary>
    public static IReadOnlyList<string> PeersOutsideApiAndCapabilities(Assembly assembly, string root) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace(root + ".Domain").Or().ResideInNamespace(root + ".Store")
            .ShouldNot().HaveDependencyOn(root + ".Peers").GetResult());

    /// <summary>Types of <c>{root}.Store</c> that use the service's Api or Peers.</summary>
    public static IReadOnlyList<string> StoreUsingApiOrPeers(Assembly assembly, string root) =>
        Failing(Types.InAssembly(assembly).That().ResideInNamespace(root + ".Store")
            .ShouldNot().HaveDependencyOnAny(root + ".Api", root + ".Peers").GetResult());

    /// <summary>The assemblies among <paramref name="services"/> (other than itself) that <paramref name="assembly"/> references.</summary>
    public static IReadOnlyList<string> ServiceReferences(Assembly assembly, IEnumerable<Assembly> services)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var names = services.Where(s => s != assembly).Select(s => s.GetName().Name).ToHashSet(StringComparer.Ordinal);
        return [.. assembly.GetReferencedAssemblies().Select(r => r.Name!).Where(names.Contains).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The project references of a service's project file (<paramref name="projectXml"/>) that
    /// name another service's project (<c>Clspd.{Other}.csproj</c> for any of <paramref name="services"/>).
    /// </summary>
    public static IReadOnlyList<string> ServiceProjectReferences(string projectXml, string service, IEnumerable<string> services)
    {
        var others = services.Where(s => s != service).Select(s => $"Clspd.{s}.csproj").ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. System.Xml.Linq.XDocument.Parse(projectXml).Descendants("ProjectReference")
            .SelectMany(r => ((string?)r.Attribute("Include") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(path => others.Contains(Path.GetFileName(path.Replace('\\', '/'))))];
    }

    /// <summary>The namespace cycles among the types under <paramref name="root"/>, each as its path (<c>A → B → A</c>) with a use per step.</summary>
    public static IReadOnlyList<string> NamespaceCycles(Assembly assembly, string root) => NamespaceGraph.Read(assembly, root).Cycles();

    private static IReadOnlyList<string> Failing(NetArchTest.Rules.TestResult result) => result.IsSuccessful ? [] : [.. result.FailingTypeNames ?? []];
}
