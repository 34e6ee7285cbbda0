using System.Reflection;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.ChangeFeed;
using Clspd.ServiceDefaults.Data;
using Microsoft.Extensions.Options;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// Where the dataset generator writes: SQLite files in a data directory (the layout the local
/// stack uses, <c>{dir}/{service}.db</c>), or SQL Server or PostgreSQL through a connection string in which
/// <c>{service}</c> is replaced by each service's name (one database per service).
/// </summary>
public sealed record StoreTarget(DatabaseProvider Provider, string DataDirectory, string? ConnectionTemplate)
{
    public static StoreTarget Sqlite(string dataDirectory) => new(DatabaseProvider.Sqlite, dataDirectory, null);

    /// <summary>The provider a <c>--provider</c> option names; a server provider needs a connection string naming <c>{service}</c>.</summary>
    public static DatabaseProvider ProviderOf(string provider, string? connectionTemplate)
    {
        var chosen = provider switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "sqlserver" => DatabaseProvider.SqlServer,
            "postgres" => DatabaseProvider.Postgres,
            _ => throw new ArgumentException($"--provider: '{provider}' is not sqlite, sqlserver or postgres"),
        };
        if (chosen != DatabaseProvider.Sqlite && connectionTemplate?.Contains("{service}", StringComparison.Ordinal) != true)
        {
            throw new ArgumentException($"--connection is required with --provider {provider}, with '{{service}}' in the database name (one database per service)");
        }

        return chosen;
    }

    public DatabaseOptions OptionsFor(string service) => new()
    {
        Provider = Provider,
        DataDirectory = DataDirectory,
        ConnectionString = ConnectionTemplate?.Replace("{service}", service, StringComparison.Ordinal),
    };

    /// <summary>The service's own <see cref="Database"/>, its migrations run (DbUp, as at the service's start).</summary>
    public Database Open(string service, Assembly serviceAssembly)
    {
        var options = OptionsFor(service);
        var identity = new ServiceIdentity(service, serviceAssembly);
        var database = new Database(Options.Create(options), identity, new ChangeSignal(), TimeProvider.System);
        var migrated = Migrator.Run(options.Provider, database.ConnectionString, serviceAssembly, ensureDatabase: Provider != DatabaseProvider.Sqlite);
        if (!migrated.Successful)
        {
            throw new InvalidOperationException($"{service}: migration failed", migrated.Error);
        }

        return database;
    }
}
