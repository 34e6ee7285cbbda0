using System.Reflection;

namespace Clspd.Local;

/// <summary>The pieces of the stack and where their built dlls are (recorded by the build of this project).</summary>
public static class StackCatalog
{
    public const string Gateway = "gateway";

    /// <summary>The gateway's JSON listener, as <c>--port json=N</c> and the banner name it.</summary>
    public const string GatewayJson = "json";

    /// <summary>The gateway's TLS listener for partners (a stack with TLS), as <c>--port tls=N</c> and the banner name it.</summary>
    public const string GatewayTls = "tls";

    /// <summary>The services behind the gateway, in start order.</summary>
    public static IReadOnlyList<string> Services { get; } = ["registry", "consent", "records", "access"];

    /// <summary>The web console, started last, once the development sign-in listens.</summary>
    public const string Web = "web";

    /// <summary>The console's <c>wwwroot</c> (its sources: a build does not copy it).</summary>
    public static string? WebRoot => Metadata("ClspdStack:WebRoot");

    /// <summary>The built <c>Clspd.{Name}.dll</c> of a service or of the gateway.</summary>
    public static string DllPath(string name)
    {
        var project = "Clspd." + char.ToUpperInvariant(name[0]) + name[1..];
        var path = Metadata("ClspdStack:" + project)
            ?? throw new LocalStackException($"{project} is not referenced by Clspd.Local: no build output recorded for '{name}'");
        if (!File.Exists(path))
        {
            throw new LocalStackException($"{path} does not exist: build deploy/Clspd.Local (it builds {project})");
        }

        return path;
    }

    /// <summary>The repository's <c>protos</c> folder (for grpcurl examples).</summary>
    public static string? ProtosDirectory => Metadata("ClspdStack:Protos");

    /// <summary>
    /// <c>protos/clspd.protoset</c>, written by the build of Clspd.Contracts: the descriptors of every
    /// service and of everything they import, for <c>grpcurl -protoset</c>.
    /// </summary>
    public static string Protoset => Path.Combine(ProtosDirectory ?? "protos", ProtosetFileName);

    public const string ProtosetFileName = "clspd.protoset";

    private static string? Metadata(string key) =>
        typeof(StackCatalog).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}
