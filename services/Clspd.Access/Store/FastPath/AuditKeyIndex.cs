using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Clspd.Access.Domain;
using Clspd.ServiceDefaults.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Clspd.Access.Store.FastPath;

/// <summary>
/// ACC-6, fast path of the trail's lookups (<see cref="AuditSearch"/>; the reference is
/// <see cref="AuditStore.FindAsync"/>, which reads the trail's own table). On SQLite, the lookup keys of the audit trail (case, participant, subject: ACC-6) are kept out
/// of the trail's own table, in a file of their own next to the database
/// (<c>access.audit-keys.db</c>), and written after the entries' commit, by <see cref="AuditIndexer"/>.
/// </summary>
/// <remarks>
/// <para>Why: in SQLite's write-ahead log every page a transaction changes is written whole and
/// flushed at commit. The trail's own keys (sequence, decision id, council and instant) grow at
/// the right edge, so a batch of entries changes a few pages; each lookup key lands at a random
/// place in its index, so 256 entries changed about a thousand index pages: four megabytes
/// written and flushed per batch, seven times the cost of the entries themselves. The durable
/// append (ACC-4: written before the answer leaves) now writes only the entries.</para>
/// <para>The keys are derived data: they are rebuilt from the trail whenever they are missing or
/// do not match it (the entry hash at the last indexed sequence is kept and checked), so the file
/// needs no backup and no flush per commit. A query uses the keys up to the last indexed entry and
/// reads the entries after it from the trail itself, so its answer never depends on how far the
/// indexer has got. On SQL Server the trail's table keeps its own indexes: there a changed index
/// page is logged by its changed row, not written whole.</para>
/// </remarks>
[SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim holds no handle unless its AvailableWaitHandle is read; the keys live as long as their store.")]
public sealed class AuditKeyIndex
{
    /// <summary>The kind of a lookup key.</summary>
    public enum Kind
    {
        Case = 1,
        Principal = 2,
        Subject = 3,
    }

    private const int SchemaVersion = 1;

    private readonly Database _database;
    private readonly string? _connectionString;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly SemaphoreSlim _schema = new(1, 1);
    private volatile bool _schemaReady;
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public AuditKeyIndex(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var trail = new SqliteConnectionStringBuilder(database.ConnectionString);
        if (string.IsNullOrEmpty(trail.DataSource) || trail.DataSource == ":memory:" || trail.Mode == SqliteOpenMode.Memory)
        {
            return;
        }

        Path = System.IO.Path.ChangeExtension(System.IO.Path.GetFullPath(trail.DataSource), ".audit-keys.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>Whether the keys are kept apart (SQLite with a database file); otherwise the trail's table has its own indexes.</summary>
    public bool Enabled => _connectionString is not null;

    /// <summary>The file of the keys, when <see cref="Enabled"/>.</summary>
    public string? Path { get; }

    /// <summary>Tells the indexer that entries were committed.</summary>
    public void Appended() => Interlocked.Exchange(ref _appended, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes when entries are committed, or after <paramref name="timeout"/> (appends made by another writer are found then).</summary>
    public async Task WaitForAppendAsync(TimeSpan timeout, CancellationToken ct)
    {
        try
        {
            await Volatile.Read(ref _appended).Task.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            // Polled: nothing was signalled.
        }
    }

    /// <summary>The key a query looks up, most selective first (a case, then a subject, then a participant); null when it has none.</summary>
    public static (Kind Kind, string Value)? KeyOf(AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.CaseId is { } caseId ? (Kind.Case, caseId)
            : filter.SubjectRef is { } subject ? (Kind.Subject, subject)
            : filter.Principal is { } principal ? (Kind.Principal, principal)
            : null;
    }

    private const string ReadProgress = "SELECT through_seq AS Through, through_hash AS Hash FROM progress WHERE id = 1";
    private const string TrailHashAt = "SELECT entry_hash FROM audit_entries WHERE seq = @Seq";
    private const string TrailAfter = """
        SELECT seq, case_id, principal, subject_ref, entry_hash FROM audit_entries WHERE seq > @After ORDER BY seq LIMIT @Limit
        """;
    private const string InsertKey = "INSERT OR IGNORE INTO audit_keys (kind, key, seq) VALUES (?1, ?2, ?3)";
    private const string WriteProgress = "UPDATE progress SET through_seq = @Through, through_hash = @Hash WHERE id = 1";
    private const string Clear = "DELETE FROM audit_keys; UPDATE progress SET through_seq = 0, through_hash = '' WHERE id = 1;";

    private sealed record Progress(long Through, string Hash);

    /// <summary>
    /// Indexes up to <paramref name="maxEntries"/> entries committed since the last call, in one
    /// transaction of the keys' file; starts again from the first entry when the keys do not
    /// match the trail (a restored or replaced database). Returns how many entries it indexed.
    /// </summary>
    public async Task<int> CatchUpAsync(int maxEntries, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        if (!Enabled)
        {
            return 0;
        }

        await _writer.WaitAsync(ct);
        try
        {
            await using var keys = await OpenAsync(ct);
            await using var trail = await _database.OpenAsync(ct);
            var progress = await keys.QuerySingleAsync<Progress>(new CommandDefinition(ReadProgress, cancellationToken: ct));
            if (progress.Through > 0 && !string.Equals(progress.Hash,
                    await trail.ExecuteScalarAsync<string?>(new CommandDefinition(TrailHashAt, new { Seq = progress.Through }, cancellationToken: ct)),
                    StringComparison.Ordinal))
            {
                await keys.ExecuteAsync(new CommandDefinition(Clear, cancellationToken: ct));
                progress = new Progress(0, "");
            }

            var entries = new List<(long Seq, string CaseId, string Principal, string Subject, string Hash)>();
            await using (var read = trail.CreateCommand())
            {
                read.CommandText = TrailAfter;
                read.Parameters.Add(new SqliteParameter("@After", progress.Through));
                read.Parameters.Add(new SqliteParameter("@Limit", maxEntries));
                await using var reader = await read.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    entries.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
                }
            }

            if (entries.Count == 0)
            {
                return 0;
            }

            // In key order: each page of the keys' tree is then visited once per transaction, not once per key.
            var rows = new List<(int Kind, string Key, long Seq)>(entries.Count * 3);
            foreach (var entry in entries)
            {
                rows.Add(((int)Kind.Case, entry.CaseId, entry.Seq));
                rows.Add(((int)Kind.Principal, entry.Principal, entry.Seq));
                rows.Add(((int)Kind.Subject, entry.Subject, entry.Seq));
            }

            rows.Sort(static (a, b) => a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind)
                : string.CompareOrdinal(a.Key, b.Key) is var byKey and not 0 ? byKey : a.Seq.CompareTo(b.Seq));

            await using var transaction = await keys.BeginTransactionAsync(ct);
            // Three keys per entry: bound by position, not through three parameter objects per key.
            using (var insert = new SqliteStatement((SqliteConnection)keys, InsertKey))
            {
                foreach (var row in rows)
                {
                    ct.ThrowIfCancellationRequested();
                    insert.Bind(1, row.Kind);
                    insert.Bind(2, row.Key);
                    insert.Bind(3, row.Seq);
                    insert.Execute();
                }
            }

            await keys.ExecuteAsync(new CommandDefinition(WriteProgress, new { Through = entries[^1].Seq, entries[^1].Hash }, transaction, cancellationToken: ct));
            await transaction.CommitAsync(ct);
            return entries.Count;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>
    /// Deletes the keys' file (it is unreadable: SQLite reports it corrupt or not a database); the
    /// next catch-up rebuilds it from the trail.
    /// </summary>
    public async Task DiscardAsync(CancellationToken ct)
    {
        if (!Enabled)
        {
            return;
        }

        await _writer.WaitAsync(ct);
        try
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(Path + suffix);
            }

            _schemaReady = false;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Whether an error means the keys' file itself is unreadable (corrupt, or not a database).</summary>
    public static bool IsUnreadableFile(Exception ex) => ex is SqliteException { SqliteErrorCode: 11 or 26 };

    private const string SeqsOfKey = """
        SELECT seq FROM audit_keys WHERE kind = @Kind AND key = @Key AND seq > @After AND seq <= @Through ORDER BY seq LIMIT @Limit
        """;

    /// <summary>The last sequence number indexed (0 when nothing is).</summary>
    public async Task<long> IndexedThroughAsync(CancellationToken ct)
    {
        if (!Enabled)
        {
            return 0;
        }

        await using var keys = await OpenAsync(ct);
        return await IndexedThroughAsync(keys, ct);
    }

    internal static async Task<long> IndexedThroughAsync(DbConnection keys, CancellationToken ct) =>
        (await keys.QuerySingleAsync<Progress>(new CommandDefinition(ReadProgress, cancellationToken: ct))).Through;

    /// <summary>
    /// The sequence numbers under a key in (<paramref name="after"/>, <paramref name="through"/>],
    /// in order, at most <paramref name="limit"/>, as a JSON array (one parameter for <c>json_each</c>).
    /// </summary>
    internal static async Task<(string Json, int Count, long Last)> SeqsAsync(DbConnection keys, (Kind Kind, string Value) key,
        long after, long through, int limit, CancellationToken ct)
    {
        var seqs = (await keys.QueryAsync<long>(new CommandDefinition(SeqsOfKey,
            new { Kind = (int)key.Kind, Key = key.Value, After = after, Through = through, Limit = limit }, cancellationToken: ct))).AsList();
        var json = new StringBuilder("[");
        foreach (var seq in seqs)
        {
            json.Append(json.Length == 1 ? "" : ",").Append(seq.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return (json.Append(']').ToString(), seqs.Count, seqs.Count == 0 ? after : seqs[^1]);
    }

    /// <summary>Opens the keys' file, creating (or, after a change of layout, recreating) its tables.</summary>
    internal async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connectionString = _connectionString ?? throw new InvalidOperationException("the audit keys are kept apart only on SQLite with a database file");
        if (!_schemaReady)
        {
            // Created owner-only, as the service's own database (its -wal and -shm follow the file's mode).
            Migrator.PrepareSqliteFile(connectionString);
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            // Derived data, rebuilt from the trail when it does not match: no flush per commit (WAL
            // with synchronous=NORMAL never corrupts the file, at worst it loses the last commits).
            // 16 MB of page cache (SQLite's default is 2 MB): the keys' tree is written at random places.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16000;", cancellationToken: ct));
            if (!_schemaReady)
            {
                await EnsureSchemaAsync(connection, ct);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private const string Schema = """
        PRAGMA journal_mode = WAL;
        DROP TABLE IF EXISTS audit_keys;
        DROP TABLE IF EXISTS progress;
        CREATE TABLE audit_keys (
            kind INTEGER NOT NULL,
            key  TEXT    NOT NULL,
            seq  INTEGER NOT NULL,
            PRIMARY KEY (kind, key, seq)
        ) WITHOUT ROWID;
        CREATE TABLE progress (
            id           INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            through_seq  INTEGER NOT NULL,
            through_hash TEXT    NOT NULL
        );
        INSERT INTO progress (id, through_seq, through_hash) VALUES (1, 0, '');
        """;

    private async Task EnsureSchemaAsync(DbConnection connection, CancellationToken ct)
    {
        await _schema.WaitAsync(ct);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA user_version;", cancellationToken: ct)) != SchemaVersion)
            {
                await connection.ExecuteAsync(new CommandDefinition(Schema + $"PRAGMA user_version = {SchemaVersion};", cancellationToken: ct));
            }

            _schemaReady = true;
        }
        finally
        {
            _schema.Release();
        }
    }
}
