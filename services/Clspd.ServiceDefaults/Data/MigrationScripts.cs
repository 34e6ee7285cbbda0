using System.Reflection;

namespace Clspd.ServiceDefaults.Data;

/// <summary>Finds the embedded migration scripts of a provider: <c>Migrations/{sqlite|sqlserver|postgres}/*.sql</c>.</summary>
public static class MigrationScripts
{
    public static string Folder(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "sqlite",
        DatabaseProvider.SqlServer => "sqlserver",
        _ => "postgres",
    };

    public static Func<string, bool> Filter(DatabaseProvider provider)
    {
        var marker = ".Migrations." + Folder(provider) + ".";
        return name => name.Contains(marker, StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal);
    }

    /// <summary>Every script of a provider in the defaults and the service assembly, in run order.</summary>
    public static IReadOnlyList<(string Name, string Sql)> Read(DatabaseProvider provider, Assembly serviceAssembly)
    {
        var filter = Filter(provider);
        var result = new List<(string, string)>();
        foreach (var assembly in new[] { typeof(MigrationScripts).Assembly, serviceAssembly })
        {
            foreach (var name in assembly.GetManifestResourceNames().Where(filter).Order(StringComparer.Ordinal))
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                result.Add((name, reader.ReadToEnd()));
            }
        }

        return result;
    }
}
