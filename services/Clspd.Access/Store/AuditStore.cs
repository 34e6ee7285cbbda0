using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Clspd.Access.Domain;
using Clspd.ServiceDefaults.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Clspd.Access.Store;

/// <summary>
/// The hash-chained audit trail (ACC-4). The chain tip is read and the entries inserted in one
/// write transaction, so concurrent writers (even other instances on SQL Server) never fork it.
/// </summary>
public sealed class AuditStore(Database database)
{
    public Database Database => database;

    /// <summary>On SQLite, the trail's lookup keys, kept apart and written after the commit (<see cref="AuditKeyIndex"/>).</summary>
    public AuditKeyIndex Keys { get; } = new(database);

    /// <summary>
    /// An appender on a connection of its own, for a writer that appends batch after batch;
    /// <paramref name="rowsPerStatement"/> overrides the provider's run of rows per insert (benchmarks).
    /// </summary>
    public async Task<AuditAppender> OpenAppenderAsync(CancellationToken ct, int? rowsPerStatement = null) =>
        new(await database.OpenAsync(ct), database.Provider, rowsPerStatement);

    /// <summary>Chains and durably appends one entry; sets its sequence number and hashes.</summary>
    public Task AppendAsync(AuditRecord entry, CancellationToken ct) => AppendBatchAsync([entry], ct);

    /// <summary>Chains and durably appends entries in one transaction (one disk flush for the batch).</summary>
    public async Task AppendBatchAsync(IReadOnlyList<AuditRecord> entries, CancellationToken ct)
    {
        await using var appender = await OpenAppenderAsync(ct);
        await appender.AppendAsync(entries, ct);
    }

    private const string Columns = """
        seq AS Seq, decision_id AS DecisionId, decided_at AS DecidedAt, principal AS Principal, role AS Role, action AS Action,
        case_id AS CaseId, subject_ref AS SubjectRef, council_id AS CouncilId, group_id AS GroupId, view_kind AS ViewKind,
        outcome AS Outcome, rule_ids AS RuleIds, reason AS Reason, prev_hash AS PrevHash, entry_hash AS EntryHash
        """;

    private const string PageSqlite = $"SELECT {Columns} FROM audit_entries WHERE seq > @After ORDER BY seq LIMIT @Limit";
    private const string PageSqlServer = $"SELECT TOP (@Limit) {Columns} FROM dbo.audit_entries WHERE seq > @After ORDER BY seq";

    /// <summary>
    /// Entries after a sequence number, in order (keyset paging for verification), read column by
    /// column from a plain data reader; instants in this store's fixed-width text are read without
    /// the general date parser.
    /// </summary>
    public async Task<List<AuditRecord>> PageAsync(DbConnection connection, long after, int limit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = database.Provider == DatabaseProvider.Sqlite ? PageSqlite : PageSqlServer;
        AddParameter(command, "@After", DbType.Int64, after);
        AddParameter(command, "@Limit", DbType.Int32, limit);
        var page = new List<AuditRecord>(Math.Min(limit, 10_000));
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        var sqlite = database.Provider == DatabaseProvider.Sqlite;
        while (await reader.ReadAsync(ct))
        {
            page.Add(new AuditRecord
            {
                Seq = reader.GetInt64(0),
                DecisionId = reader.GetString(1),
                DecidedAt = sqlite ? AuditInstant.FromSqliteText(reader.GetString(2)) : reader.GetFieldValue<DateTimeOffset>(2).ToUniversalTime(),
                Principal = reader.GetString(3),
                Role = reader.GetInt32(4),
                Action = reader.GetInt32(5),
                CaseId = reader.GetString(6),
                SubjectRef = reader.GetString(7),
                CouncilId = reader.GetString(8),
                GroupId = reader.GetString(9),
                ViewKind = reader.GetInt32(10),
                Outcome = reader.GetInt32(11),
                RuleIds = reader.GetString(12),
                Reason = reader.GetString(13),
                PrevHash = reader.GetString(14),
                EntryHash = reader.GetString(15),
            });
        }

        return page;
    }

    /// <summary>
    /// The whole trail in pages, oldest first; the next page is read while the caller works on
    /// the current one (verification overlaps with reading). The connection is used by one page
    /// read at a time.
    /// </summary>
    public async IAsyncEnumerable<List<AuditRecord>> PagesAsync(DbConnection connection, int pageSize,
        [EnumeratorCancellation] CancellationToken ct, long afterSequence = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        Task<List<AuditRecord>>? next = Task.Run(() => PageAsync(connection, afterSequence, pageSize, ct), ct);
        try
        {
            while (next is not null)
            {
                var page = await next;
                next = null;
                if (page.Count == pageSize)
                {
                    var after = page[^1].Seq;
                    next = Task.Run(() => PageAsync(connection, after, pageSize, ct), ct);
                }

                yield return page;
            }
        }
        finally
        {
            // The caller stopped early (a bad entry): let the read in flight end before the connection goes.
            if (next is not null)
            {
                await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    // SQLite composes each entry's canonical content itself (the fields in AuditPage's order,
    // integers as decimal text, separated by line feeds): one column to copy instead of sixteen,
    // each of which costs a call into SQLite.
    private const string VerifyPageSqlite = """
        SELECT seq,
               concat_ws(char(10), 'clspd.access.audit.v1', seq, decision_id, decided_at, principal, role, action, case_id, subject_ref,
                         council_id, group_id, view_kind, outcome, rule_ids, reason, prev_hash),
               decided_at, prev_hash, entry_hash
        FROM audit_entries WHERE seq > ?1 ORDER BY seq LIMIT ?2
        """;

    private const string VerifyRowSqlite = """
        SELECT seq, decision_id, decided_at, principal, role, action, case_id, subject_ref, council_id, group_id, view_kind, outcome,
               rule_ids, reason, prev_hash, entry_hash
        FROM audit_entries WHERE seq = ?1
        """;

    /// <summary>
    /// Fills <paramref name="page"/> with the entries after a sequence number, in order, as the
    /// bytes the chain hashes. On SQLite each row's text is copied as stored (UTF-8) from the
    /// statement into the page, with no string per field; on SQL Server the rows are read as
    /// records (<see cref="PageAsync"/>) and encoded.
    /// </summary>
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

        foreach (var entry in await PageAsync(connection, after, limit, ct))
        {
            page.Add(entry);
        }
    }

    // Straight on the connection's SQLite handle: sqlite3_column_blob gives a text column's
    // stored UTF-8 bytes in place, which Microsoft.Data.Sqlite's reader would copy into a string
    // or a new array for every field. A row whose instant is not in the store's fixed-width form
    // (never one this store wrote) is read again column by column, its instant read as the
    // records read it.
    private static void ReadSqlitePage(SqliteConnection connection, long after, int limit, AuditPage page, CancellationToken ct)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        sqlite3_stmt? row = null;
        var rc = raw.sqlite3_prepare_v2(db, VerifyPageSqlite, out var statement);
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
                    SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(db, VerifyRowSqlite, out row), db);
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

        Span<byte> instant = stackalloc byte[32];
        page.Add(raw.sqlite3_column_int64(row, 0), raw.sqlite3_column_blob(row, 1),
            AuditInstant.CanonicalUtf8(raw.sqlite3_column_blob(row, 2), instant), raw.sqlite3_column_blob(row, 3),
            raw.sqlite3_column_int64(row, 4), raw.sqlite3_column_int64(row, 5), raw.sqlite3_column_blob(row, 6),
            raw.sqlite3_column_blob(row, 7), raw.sqlite3_column_blob(row, 8), raw.sqlite3_column_blob(row, 9),
            raw.sqlite3_column_int64(row, 10), raw.sqlite3_column_int64(row, 11), raw.sqlite3_column_blob(row, 12),
            raw.sqlite3_column_blob(row, 13), raw.sqlite3_column_blob(row, 14), raw.sqlite3_column_blob(row, 15));
    }

    /// <summary>
    /// The trail in pages of the bytes the chain hashes (<see cref="ReadPageAsync"/>), oldest
    /// first, for verification: the next page is read on another thread while the caller works on
    /// the current one. Two pages are used in turn, so a page is valid only until the next one is
    /// asked for. The connection is used by one page read at a time.
    /// </summary>
    public async IAsyncEnumerable<AuditPage> VerificationPagesAsync(DbConnection connection, int pageSize,
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

    private const string LastSequenceSqlite = "SELECT COALESCE(MAX(seq), 0) FROM audit_entries";
    private const string LastSequenceSqlServer = "SELECT COALESCE(MAX(seq), 0) FROM dbo.audit_entries";

    /// <summary>The highest sequence number in the trail (0 when empty): the length of a verification walk.</summary>
    public async Task<long> LastSequenceAsync(DbConnection connection, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            database.Provider == DatabaseProvider.Sqlite ? LastSequenceSqlite : LastSequenceSqlServer, cancellationToken: ct));

    private static void AddParameter(DbCommand command, string name, DbType type, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Entries matching the filters, oldest first. Filters are fixed clauses; every value is a parameter.</summary>
    public async Task<IReadOnlyList<AuditRecord>> FindAsync(AuditFilter filter, CancellationToken ct)
    {
        var clauses = new List<string> { "seq > @AfterSequence" };
        if (filter.CaseId is not null)
        {
            clauses.Add("case_id = @CaseId");
        }

        if (filter.Principal is not null)
        {
            clauses.Add("principal = @Principal");
        }

        if (filter.SubjectRef is not null)
        {
            clauses.Add("subject_ref = @SubjectRef");
        }

        if (filter.From is not null)
        {
            clauses.Add("decided_at >= @From");
        }

        if (filter.To is not null)
        {
            clauses.Add("decided_at < @To");
        }

        if (filter.CouncilIds is not null)
        {
            clauses.Add("council_id IN @CouncilIds");
        }

        var where = string.Join(" AND ", clauses);
        if (Keys.Enabled && AuditKeyIndex.KeyOf(filter) is { } key)
        {
            return await FindThroughKeysAsync(filter, where, key, ct);
        }

        var sql = database.Provider == DatabaseProvider.Sqlite
            ? $"SELECT {Columns} FROM audit_entries WHERE {where} ORDER BY seq LIMIT @Limit"
            : $"SELECT TOP (@Limit) {Columns} FROM dbo.audit_entries WHERE {where} ORDER BY seq";
        return await database.ReadConnectionAsync(async c => (await c.QueryAsync<AuditRecord>(new CommandDefinition(sql, filter, cancellationToken: ct))).AsList(), ct);
    }

    /// <summary>
    /// SQLite: the entries under a key up to the last indexed one are found through the keys
    /// (a chunk of sequence numbers at a time, each entry then read from the trail with every
    /// filter applied again), and the entries after it are read from the trail itself, so the
    /// answer is the same however far the indexer has got.
    /// </summary>
    private async Task<List<AuditRecord>> FindThroughKeysAsync(AuditFilter filter, string where, (AuditKeyIndex.Kind, string) key, CancellationToken ct)
    {
        var chunk = Math.Clamp(filter.Limit, 64, 1_000);
        var found = new List<AuditRecord>(Math.Min(filter.Limit, 1_000));
        DbConnection? keys = null;
        long through = 0;
        try
        {
            keys = await Keys.OpenAsync(ct);
            through = await AuditKeyIndex.IndexedThroughAsync(keys, ct);
        }
        catch (SqliteException)
        {
            // The keys are derived data (the indexer rebuilds an unreadable file): without them, the trail is read in full.
            through = 0;
        }

        await using var keysInUse = keys;
        await using var trail = await database.OpenAsync(ct);
        var after = filter.AfterSequence;
        while (found.Count < filter.Limit && after < through)
        {
            var seqs = await AuditKeyIndex.SeqsAsync(keys!, key, after, through, chunk, ct);
            if (seqs.Count > 0)
            {
                var parameters = new DynamicParameters(filter);
                parameters.Add("Seqs", seqs.Json);
                parameters.Add("Remaining", filter.Limit - found.Count);
                found.AddRange(await trail.QueryAsync<AuditRecord>(new CommandDefinition(
                    $"SELECT {Columns} FROM audit_entries WHERE seq IN (SELECT value FROM json_each(@Seqs)) AND {where} ORDER BY seq LIMIT @Remaining",
                    parameters, cancellationToken: ct)));
            }

            after = seqs.Count < chunk ? through : seqs.Last;
        }

        if (found.Count < filter.Limit)
        {
            var parameters = new DynamicParameters(filter);
            parameters.Add("TailAfter", Math.Max(after, filter.AfterSequence));
            parameters.Add("Remaining", filter.Limit - found.Count);
            found.AddRange(await trail.QueryAsync<AuditRecord>(new CommandDefinition(
                $"SELECT {Columns} FROM audit_entries WHERE seq > @TailAfter AND {where} ORDER BY seq LIMIT @Remaining", parameters, cancellationToken: ct)));
        }

        return found;
    }

    private const string CountOfCouncil = """
        SELECT action AS Action, outcome AS Outcome, rule_ids AS RuleIds, COUNT(*) AS Count
        FROM audit_entries WHERE council_id = @CouncilId AND decided_at >= @From AND decided_at < @To
        GROUP BY action, outcome, rule_ids
        """;

    /// <summary>REC-11: a council's decisions in [from, to), counted per action, outcome and rule list.</summary>
    public async Task<IReadOnlyList<AuditCountRow>> CountAsync(string councilId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        await database.ReadConnectionAsync(async c => (await c.QueryAsync<AuditCountRow>(new CommandDefinition(CountOfCouncil,
            new { CouncilId = councilId, From = from, To = to }, cancellationToken: ct))).AsList(), ct);
}
