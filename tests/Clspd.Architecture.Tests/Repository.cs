namespace Clspd.Architecture.Tests;

/// <summary>The repository this test runs from (the folder holding Clspd.Services.sln).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>A service's project file, <c>services/Clspd.{Name}/Clspd.{Name}.csproj</c>.</summary>
    public static string ProjectOf(string service) => Path.Combine(Root, "services", "Clspd." + service, $"Clspd.{service}.csproj");

    private static string Find()
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
