using Clspd.Registry.Store;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;

namespace Clspd.Registry.Tests.Store;

public sealed class MigrationScriptTests
{
    private static readonly System.Reflection.Assembly Registry = typeof(CouncilStore).Assembly;

    [Fact]
    public void SqlServerScripts_OfRegistry_ParseWithoutErrors()
    {
        Assert.NotEmpty(SqlServerScripts.Names(Registry));
        Assert.Empty(SqlServerScripts.ParseErrors(Registry));
    }

    [Fact]
    public void SqlServerStatements_OfTheStores_ParseWithoutErrors()
    {
        var errors = SqlServerScripts.StatementParseErrors(typeof(CouncilStore).Assembly, out var parsed);
        Assert.True(parsed >= 20, $"only {parsed} statements found");
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Scripts_OfRegistry_SameNamesInEveryProviderFolder()
    {
        static string[] Names(DatabaseProvider provider)
        {
            var marker = ".Migrations." + MigrationScripts.Folder(provider) + ".";
            return [.. Registry.GetManifestResourceNames().Where(MigrationScripts.Filter(provider))
                .Select(n => n[(n.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..]).Order(StringComparer.Ordinal)];
        }

        var sqlite = Names(DatabaseProvider.Sqlite);
        Assert.Contains("0101_officers_meetings_charter_breaches.sql", sqlite);
        Assert.Equal(sqlite, Names(DatabaseProvider.SqlServer));
        Assert.Equal(sqlite, Names(DatabaseProvider.Postgres));
    }
}
