using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Clspd.Access.Store.FastPath;

/// <summary>
/// A statement that returns no rows, prepared once on an open SQLite connection and run again and again with its
/// values bound by position (<c>?1</c>, <c>?2</c>, …). Microsoft.Data.Sqlite binds each named parameter of a command
/// through an object of its own on every execution: for the audit trail's inserts, written row after row on every
/// Check, that was an eighth of everything the access service allocated per call. It runs inside whatever
/// transaction the connection is in, and a failure throws the <see cref="SqliteException"/> a command would.
/// </summary>
internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        if (rc != raw.SQLITE_OK)
        {
            _statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    /// <summary>Text, copied by SQLite (an empty value is the empty string, never NULL).</summary>
    public void Bind(int index, ReadOnlySpan<char> value) => Check(raw.sqlite3_bind_text16(_statement, index, value));

    /// <summary>Text, or NULL for null (a column that refuses NULL then fails the statement).</summary>
    public void Bind(int index, string? value) =>
        Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text16(_statement, index, value.AsSpan()));

    /// <summary>Runs the statement with the values bound, then readies it for the next ones.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _db);
        }
    }
}
