using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.ChangeFeed;
using Clspd.ServiceDefaults.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Testcontainers.MsSql;

namespace Clspd.Testing;

/// <summary>
/// Fresh, migrated databases for store suites: a SQLite file in a temp directory, or a new
/// database in a SQL Server container (one container per test run, started on first use).
/// </summary>
public static class TestDatabases
{
    public const string SqlServerImage = "mcr.microsoft.com/mssql/server:2022-latest";

    private static readonly SemaphoreSlim s_containerGate = new(1, 1);
    private static MsSqlContainer? s_container;

    /// <summary>A migrated SQLite database for a service whose scripts live in <paramref name="service"/>'s assembly.</summary>
    public static Database Sqlite(ServiceIdentity service, TimeProvider? time = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "clspd-tests", Guid.NewGuid().ToString("N"));
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = directory };
        return Migrate(options, service, time);
    }

    /// <summary>
    /// A new migrated database on the server given by <see cref="SqlServerProbe.VariableName"/>, or else in
    /// the shared SQL Server container. Call only when <see cref="SqlServerProbe.IsAvailable"/>.
    /// </summary>
    public static async Task<Database> SqlServerAsync(ServiceIdentity service, TimeProvider? time = null)
    {
        var server = SqlServerProbe.ConnectionString is { } given
            ? new SqlConnectionStringBuilder(given)
            : new SqlConnectionStringBuilder((await ContainerAsync()).GetConnectionString()) { TrustServerCertificate = true };
        var name = "clspd_" + service.Name + "_" + Guid.NewGuid().ToString("N")[..12];
        var builder = new SqlConnectionStringBuilder(server.ConnectionString) { InitialCatalog = name };
        var options = new DatabaseOptions { Provider = DatabaseProvider.SqlServer, ConnectionString = builder.ConnectionString, EnsureDatabase = true };
        return Migrate(options, service, time);
    }

    /// <summary>A new migrated database on the test run's private PostgreSQL server. Call only when <see cref="PostgresServer.IsAvailable"/>.</summary>
    public static Database Postgres(ServiceIdentity service, TimeProvider? time = null)
    {
        var options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = PostgresServer.NewDatabase("clspd_" + service.Name), EnsureDatabase = true };
        return Migrate(options, service, time);
    }

    private static Database Migrate(DatabaseOptions options, ServiceIdentity service, TimeProvider? time)
    {
        var database = new Database(Options.Create(options), service, new ChangeSignal(), time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero)));
        var result = Migrator.Run(options.Provider, database.ConnectionString, service.MigrationsAssembly, options.EnsureDatabase);
        if (!result.Successful)
        {
            throw new InvalidOperationException("migration failed: " + result.Error?.Message, result.Error);
        }

        return database;
    }

    private static async Task<MsSqlContainer> ContainerAsync()
    {
        await s_containerGate.WaitAsync();
        try
        {
            if (s_container is null)
            {
                var container = new MsSqlBuilder(SqlServerImage).Build();
                await container.StartAsync();
                s_container = container;
            }

            return s_container;
        }
        finally
        {
            s_containerGate.Release();
        }
    }
}
