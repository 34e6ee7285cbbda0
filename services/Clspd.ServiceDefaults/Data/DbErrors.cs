using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

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
}
