using System.Reflection;
using Clspd.ServiceDefaults.Data;

namespace Clspd.ServiceDefaults.Tests;

public sealed class UnportedServiceMigrationTests
{
    [Fact]
    public void Migrate_OnPostgresServiceWithSqliteScriptsOnly_RefusedWithASentence()
    {
        // Every service runs on PostgreSQL now; a new one whose stores have SQLite scripts and no PostgreSQL ones is refused before any connection.
        var refused = Assert.Throws<InvalidOperationException>(() =>
            Migrator.Run(DatabaseProvider.Postgres, "Host=127.0.0.1;Port=1;Username=nobody;Database=none", new UnportedService(), ensureDatabase: false));

        Assert.Contains("Clspd.Unported has no PostgreSQL migrations", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite or SqlServer", refused.Message, StringComparison.Ordinal);
    }

    /// <summary>A service assembly as the migrator sees it: its name and its embedded scripts, SQLite ones only.</summary>
    private sealed class UnportedService : Assembly
    {
        public override string[] GetManifestResourceNames() => ["Clspd.Unported.Migrations.sqlite.0100_unported.sql"];

        public override AssemblyName GetName() => new("Clspd.Unported");
    }
}
