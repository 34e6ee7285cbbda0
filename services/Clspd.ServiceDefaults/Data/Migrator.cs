using System.Reflection;
using Clspd.ServiceDefaults.Files;
using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Support;
using Microsoft.Data.Sqlite;

namespace Clspd.ServiceDefaults.Data;

/// <summary>
/// Applies the embedded SQL scripts of a provider with DbUp: first the shared ones of
/// ServiceDefaults (change feed, request log), then the service's own, each once.
/// </summary>
public static class Migrator
{
    public static DatabaseUpgradeResult Run(DatabaseProvider provider, string connectionString, Assembly serviceAssembly, bool ensureDatabase)
    {
        var filter = MigrationScripts.Filter(provider);
        UpgradeEngineBuilder builder;
        if (provider == DatabaseProvider.Sqlite)
        {
            PrepareSqlite(connectionString);
            builder = DeployChanges.To.SqliteDatabase(connectionString);
        }
        else if (provider == DatabaseProvider.Postgres)
        {
            var names = serviceAssembly.GetManifestResourceNames();
            if (names.Any(MigrationScripts.Filter(DatabaseProvider.Sqlite)) && !names.Any(filter))
            {
                throw new InvalidOperationException($"{serviceAssembly.GetName().Name} has no PostgreSQL migrations (Migrations/postgres): run it on Sqlite or SqlServer.");
            }

            if (ensureDatabase)
            {
                EnsureDatabase.For.PostgresqlDatabase(connectionString);
            }

            builder = DeployChanges.To.PostgresqlDatabase(connectionString);
        }
        else
        {
            if (ensureDatabase)
            {
                EnsureDatabase.For.SqlDatabase(connectionString, SqlServerRequirements.Collation);
            }

            SqlServerRequirements.Check(connectionString);

            builder = DeployChanges.To.SqlDatabase(connectionString);
        }

        return builder
            .WithScriptsEmbeddedInAssembly(typeof(Migrator).Assembly, filter, new SqlScriptOptions { RunGroupOrder = 0, ScriptType = ScriptType.RunOnce })
            .WithScriptsEmbeddedInAssembly(serviceAssembly, filter, new SqlScriptOptions { RunGroupOrder = 1, ScriptType = ScriptType.RunOnce })
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
    }

    /// <summary>Creates the data directory and the file (owner-only), and switches the file to WAL (a persistent setting).</summary>
    private static void PrepareSqlite(string connectionString)
    {
        PrepareSqliteFile(connectionString);

        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Creates the database file and its folder owner-only (0600, 0700) when they do not exist yet: SQLite
    /// then gives its -wal, -shm and journal files the database file's mode.
    /// </summary>
    public static void PrepareSqliteFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is { Length: > 0 } file && file != ":memory:" && builder.Mode is SqliteOpenMode.ReadWriteCreate)
        {
            OwnerOnly.CreateParentDirectory(file);
            OwnerOnly.EnsureFile(Path.GetFullPath(file));
        }
    }
}
