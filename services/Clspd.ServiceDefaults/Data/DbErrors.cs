using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Clspd.ServiceDefaults.Data;

/// <summary>Provider-specific error classification, kept in one place.</summary>
public static class DbErrors
{
    /// <summary>The database could not be reached or was busy: the caller may retry.</summary>
    public static bool IsTransient(DbException ex) => ex switch
    {
        SqliteException s => s.SqliteErrorCode is 5 or 6 or 10 or 14, // BUSY, LOCKED, IOERR, CANTOPEN
        SqlException s => s.Number is 0 or -2 or 53 or 121 or 1205 or 4060 or 40613 or 40501 or 49918 or 10928 or 10929,
        _ => ex.IsTransient,
    };

    /// <summary>
    /// A unique index or primary key refused a row: on a server database, usually a concurrent
    /// transaction that inserted the same key first and has committed.
    /// </summary>
    public static bool IsUniqueViolation(DbException ex) => ex switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.SqliteExtendedErrorCode is 2067 or 1555, // CONSTRAINT_UNIQUE, CONSTRAINT_PRIMARYKEY
        SqlException s => s.Number is 2627 or 2601, // unique constraint, unique index
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
