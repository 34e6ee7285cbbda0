using System.Data.Common;
using System.Runtime.CompilerServices;
using Clspd.ServiceDefaults.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Clspd.Access.Store.FastPath;

/// <summary>
/// ACC-4, fast path of reading the trail for verification (the reference is
/// <see cref="AuditStore.PageAsync"/> read into records). On a connection of its own, held for one
/// walk: on SQLite the stored UTF-8 bytes of each row are copied straight from the raw SQLite
/// statement into an <see cref="AuditPage"/>, with no string per field; on SQL Server the records
/// of the reference read are encoded into the page.
/// </summary>
public sealed class AuditPageReader(Database database, AuditStore store)
{
    // The columns in the order of the hashed content (AuditChain.Content), then the stored entry hash.
    private const string PageSqlite = """
        SELECT seq, decision_id, decided_at, principal, role, action, case_id, subject_ref, council_id, group_id, view_kind, outcome,
               rule_ids, reason, prev_hash, entry_hash
        FROM audit_entries WHERE seq > ?1 ORDER BY seq LIMIT ?2
        """;

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
    // UTF-8 bytes in place, which Microsoft.Data.Sqlite's reader would copy into a string for every
    // field. An instant not in the store's fixed-width form (never one this store wrote) is read
    // as the records read it.
    private static void ReadSqlitePage(SqliteConnection connection, long after, int limit, AuditPage page, CancellationToken ct)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        var rc = raw.sqlite3_prepare_v2(db, PageSqlite, out var row);
        SqliteException.ThrowExceptionForRC(rc, db);
        try
        {
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(row, 1, after), db);
            SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(row, 2, limit), db);
            Span<byte> instant = stackalloc byte[32];
            while ((rc = raw.sqlite3_step(row)) == raw.SQLITE_ROW)
            {
                if ((page.Count & 1023) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                page.Add(raw.sqlite3_column_int64(row, 0), raw.sqlite3_column_blob(row, 1),
                    AuditInstant.CanonicalUtf8(raw.sqlite3_column_blob(row, 2), instant), raw.sqlite3_column_blob(row, 3),
                    raw.sqlite3_column_int64(row, 4), raw.sqlite3_column_int64(row, 5), raw.sqlite3_column_blob(row, 6),
                    raw.sqlite3_column_blob(row, 7), raw.sqlite3_column_blob(row, 8), raw.sqlite3_column_blob(row, 9),
                    raw.sqlite3_column_int64(row, 10), raw.sqlite3_column_int64(row, 11), raw.sqlite3_column_blob(row, 12),
                    raw.sqlite3_column_blob(row, 13), raw.sqlite3_column_blob(row, 14), raw.sqlite3_column_blob(row, 15));
            }

            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, db);
            }
        }
        finally
        {
            row.Dispose();
        }
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
