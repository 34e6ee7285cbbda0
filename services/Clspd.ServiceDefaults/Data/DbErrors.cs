using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Clspd.ServiceDefaults.Data;

/// <summary>Provider-specific error classification, kept in one place.</summary>
public static class DbErrors
{
    /// <summary>A unique or primary-key constraint was violated.</summary>
    public static bool IsUniqueViolation(DbException ex) => ex switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && (s.SqliteExtendedErrorCode == 2067 || s.SqliteExtendedErrorCode == 1555),
        SqlException s => s.Number is 2627 or 2601,
        Npgsql.PostgresException p => p.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>The database could not be reached or was busy: the caller may retry.</summary>
    public static bool IsTransient(DbException ex) => ex switch
    {
        SqliteException s => s.SqliteErrorCode is 5 or 6 or 10 or 14, // BUSY, LOCKED, IOERR, CANTOPEN
        SqlException s => s.Number is 0 or -2 or 53 or 121 or 1205 or 4060 or 40613 or 40501 or 49918 or 10928 or 10929,
        _ => ex.IsTransient,
    };
}
