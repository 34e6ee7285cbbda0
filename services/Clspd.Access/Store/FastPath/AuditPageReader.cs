using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using Clspd.Access.Domain;
using Clspd.ServiceDefaults.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Clspd.Access.Store.FastPath;

/// <summary>
/// ACC-4, fast path of reading the trail for verification (the reference is
/// <see cref="AuditStore.PageAsync"/> read into records). On a connection of its own, held for one
/// walk: on SQLite the hashed content of each row, composed by SQLite from
/// <see cref="AuditChain.Fields"/>, is copied straight from the raw SQLite statement into an
/// <see cref="AuditPage"/>, with no string per field; on SQL Server the records of the reference
/// read are encoded into the page.
/// </summary>
public sealed class AuditPageReader(Database database, AuditStore store)
{
    // SQLite composes each entry's hashed content itself from the one definition (AuditChain.Fields
    // in order, their columns' stored text: integers in decimal, the instant as stored), so that one
    // column is copied instead of sixteen, each of which costs a call into SQLite. The instant is
    // read apart to check that it is stored in the form the content writes.
    private static readonly string PageSqlite = $"""
        SELECT seq, concat_ws(char(10), '{AuditChain.Prefix}', {string.Join(", ", AuditChain.Fields.Select(Column))}), decided_at, prev_hash, entry_hash
        FROM audit_entries WHERE seq > ?1 ORDER BY seq LIMIT ?2
        """;

    // A row whose instant is in another form: its hashed fields one by one, then its entry hash.
    private static readonly string RowSqlite =
        $"SELECT {string.Join(", ", AuditChain.Fields.Select(Column))}, entry_hash FROM audit_entries WHERE seq = ?1";

    private static readonly int DecidedAtField = AuditChain.Fields.ToList().IndexOf(nameof(AuditRecord.DecidedAt));

    private static readonly byte[] Prefix = Encoding.UTF8.GetBytes(AuditChain.Prefix);

    // The column of a field: its name in snake case (DecidedAt → decided_at).
    private static string Column(string field) =>
        string.Concat(field.Select((c, i) => char.IsUpper(c) ? (i == 0 ? "" : "_") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>A connection for one walk (the caller disposes it).</summary>
    public Task<DbConnection> OpenAsync(CancellationToken ct) => database.OpenAsync(ct);

    /// <summary>A read session over the walk's connection, for the reference store's queries.</summary>
    public StoreSession Session(DbConnection connection, CancellationToken ct) =>
        new(connection, null, database.Provider, TimeProvider.System.GetUtcNow(), ct);

    /// <summary>The highest sequence number in the trail (0 when empty): the length of a walk.</summary>
    public Task<long> LastSequenceAsync(DbConnection connection, CancellationToken ct) => store.LastSequenceAsync(Session(connection, ct));

    /// <summary>Fills <paramref name="page"/> with the entries after a sequence number, in order, as the bytes the chain hashes.</summary>
    public async Task ReadPageAsync(DbConnection connection, long after, int limit, AuditPage page, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(page);
        page.Clear();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            ReadSqlitePage((SqliteConnection)connection, after, limit, page, ct);
            return;
        }

        foreach (var entry in await store.PageAsync(Session(connection, ct), after, limit))
        {
            page.Add(entry);
        }
    }

    // Straight on the connection's SQLite handle: sqlite3_column_blob gives a text column's stored
    // UTF-8 bytes in place, which Microsoft.Data.Sqlite's reader would copy into a string or a new
    // array for every field. A row whose instant is not in the store's fixed-width form (never one
    // this store wrote) is read again field by field, its instant read as the records read it.
    private static void ReadSqlitePage(SqliteConnection connection, long after, int limit, AuditPage page, CancellationToken ct)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        sqlite3_stmt? row = null;
        var rc = raw.sqlite3_prepare_v2(db, PageSqlite, out var statement);
        SqliteException.ThrowExceptionForRC(rc, db);
        try
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(statement, 1, after), db);
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(statement, 2, limit), db);
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                if ((page.Count & 1023) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                var seq = raw.sqlite3_column_int64(statement, 0);
                if (AuditInstant.IsCanonical(raw.sqlite3_column_blob(statement, 2)))
                {
                    page.Add(seq, raw.sqlite3_column_blob(statement, 1), raw.sqlite3_column_bytes(statement, 3), raw.sqlite3_column_blob(statement, 4));
                    continue;
                }

                if (row is null)
                {
                    SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, RowSqlite, out row), db);
                }

                ReadSqliteRow(db, row, seq, page);
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }
        finally
        {
            statement.Dispose();
            row?.Dispose();
        }
    }

    private static void ReadSqliteRow(sqlite3 db, sqlite3_stmt row, long seq, AuditPage page)
    {
        SqliteException.ThrowExceptionForRC(raw.sqlite3_reset(row), db);
        SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(row, 1, seq), db);
        var rc = raw.sqlite3_step(row);
        if (rc != raw.SQLITE_ROW)
        {
            SqliteException.ThrowExceptionForRC(rc == raw.SQLITE_DONE ? raw.SQLITE_ERROR : rc, db);
        }

        // The content as SQLite would have composed it, but for the instant, as the records read it
        // (the stored text again when it is no instant at all, which then matches no hash).
        var content = new List<byte>(512);
        content.AddRange(Prefix);
        Span<byte> instant = stackalloc byte[32];
        var last = 0;
        for (var i = 0; i < AuditChain.Fields.Count; i++)
        {
            var stored = raw.sqlite3_column_blob(row, i);
            var text = i == DecidedAtField ? AuditInstant.CanonicalUtf8(stored, instant) : stored;
            content.Add((byte)'\n');
            content.AddRange(text);
            last = text.Length;
        }

        page.Add(seq, CollectionsMarshal.AsSpan(content), last, raw.sqlite3_column_blob(row, AuditChain.Fields.Count));
    }

    /// <summary>
    /// The trail in pages of the bytes the chain hashes (<see cref="ReadPageAsync"/>), oldest
    /// first: the next page is read on another thread while the caller works on the current one.
    /// Two pages are used in turn, so a page is valid only until the next one is asked for. The
    /// connection is used by one page read at a time.
    /// </summary>
    public async IAsyncEnumerable<AuditPage> PagesAsync(DbConnection connection, int pageSize,
        [EnumeratorCancellation] CancellationToken ct, long afterSequence = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        AuditPage[] pages = [new(pageSize), new(pageSize)];
        var turn = 0;
        Task? next = Task.Run(() => ReadPageAsync(connection, afterSequence, pageSize, pages[0], ct), ct);
        try
        {
            while (next is not null)
            {
                await next;
                next = null;
                var page = pages[turn];
                turn = 1 - turn;
                if (page.Count == pageSize)
                {
                    var after = page.Sequence(page.Count - 1);
                    var other = pages[turn];
                    next = Task.Run(() => ReadPageAsync(connection, after, pageSize, other, ct), ct);
                }

                yield return page;
            }
        }
        finally
        {
            // The caller stopped early (a bad entry): let the read in flight end before the connection goes.
            if (next is not null)
            {
                await next.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
