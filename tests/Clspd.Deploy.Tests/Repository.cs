namespace Clspd.Deploy.Tests;

/// <summary>Files of the repository, found from the test's output directory.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The four services, by short name (the gateway and the web console are shipped too).</summary>
    public static IReadOnlyList<string> Services { get; } = ["registry", "consent", "records", "access"];

    public static string ProjectDirectory(string name)
    {
        var project = ProjectName(name);
        return name == "gateway"
            ? Path.Combine(Root, "gateway", project)
            : Path.Combine(Root, "services", project);
    }

    public static string ProjectName(string name) => "Clspd." + char.ToUpperInvariant(name[0]) + name[1..];

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Clspd.Services.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no Clspd.Services.sln above {AppContext.BaseDirectory}");
    }
}
