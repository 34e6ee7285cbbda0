extern alias access;
extern alias consent;
extern alias records;
extern alias registry;
using System.Reflection;

namespace Clspd.Architecture.Tests;

/// <summary>The four services' assemblies, by the name of their root namespace (<c>Clspd.{Name}</c>).</summary>
public static class ServiceAssemblies
{
    public static IReadOnlyDictionary<string, Assembly> ByName { get; } = new Dictionary<string, Assembly>(StringComparer.Ordinal)
    {
        ["Registry"] = typeof(registry::Program).Assembly,
        ["Consent"] = typeof(consent::Program).Assembly,
        ["Records"] = typeof(records::Program).Assembly,
        ["Access"] = typeof(access::Program).Assembly,
    };

    public static TheoryData<string> Names => [.. ByName.Keys];
}
