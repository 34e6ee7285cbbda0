namespace Clspd.ServiceDefaults.Data;

/// <summary>The database engines a service can run on.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded default: one file per service under the data directory.</summary>
    Sqlite,

    /// <summary>Production: SQL Server through Microsoft.Data.SqlClient.</summary>
    SqlServer,

    /// <summary>PostgreSQL through Npgsql (a service runs on it once its stores have their PostgreSQL scripts).</summary>
    Postgres,
}
