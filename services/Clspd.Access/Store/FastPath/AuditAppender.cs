using System.Data;
using System.Data.Common;
using System.Text;
using Clspd.Access.Domain;
using Clspd.ServiceDefaults.Data;

namespace Clspd.Access.Store.FastPath;

/// <summary>
/// ACC-4, fast path of <see cref="AuditStore.AppendAsync"/> (the reference, which writes the same
/// rows and hashes; tests compare both byte for byte), the one the service appends with.
/// Appends to the audit trail on one connection of its own kept open, with its commands built once: per
/// batch one transaction, one tip query and the inserts (on SQL Server and PostgreSQL multi-row: a batch is cut
/// into runs of 128 rows, then 64, 32, … 1; on SQLite one row per statement, prepared once and bound by position,
/// <see cref="SqliteStatement"/>), each statement built once and reused from one batch to the next. The chain and the durability are those of the reference: the tip is
/// read inside the write transaction, and on SQLite every commit is on disk (synchronous=FULL)
/// before the caller is answered.
/// </summary>
public sealed class AuditAppender : IAsyncDisposable
{
    private const int Columns = 16;

    private readonly DbConnection _connection;
    private readonly DatabaseProvider _provider;
    private readonly DbCommand _tip;
    private readonly DbCommand? _lock;
    private readonly Dictionary<int, DbCommand> _inserts = [];
    private readonly bool _positional;
    private SqliteStatement? _row;

    /// <summary>
    /// An appender on a connection of its own, for a writer that appends batch after batch;
    /// <paramref name="rowsPerStatement"/> overrides the provider's run of rows per insert (benchmarks; on SQLite
    /// the rows are then bound through the command's named parameters, as on the other providers).
    /// </summary>
    public static async Task<AuditAppender> OpenAsync(Database database, CancellationToken ct, int? rowsPerStatement = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        return new AuditAppender(await database.OpenAsync(ct), database.Provider, rowsPerStatement);
    }

    private AuditAppender(DbConnection connection, DatabaseProvider provider, int? rowsPerStatement)
    {
        _connection = connection;
        _provider = provider;
        MaxRun = rowsPerStatement is { } rows && rows > 0 ? HighestPowerOfTwo(Math.Min(rows, provider == DatabaseProvider.Sqlite ? 256 : 128)) : DefaultRun(provider);
        _positional = provider == DatabaseProvider.Sqlite && rowsPerStatement is null;
        _tip = connection.CreateCommand();
        _tip.CommandText = provider switch
        {
            DatabaseProvider.Sqlite => TipSqlite,
            DatabaseProvider.SqlServer => TipSqlServer,
            _ => TipPostgres,
        };
        if (provider == DatabaseProvider.Postgres)
        {
            _lock = connection.CreateCommand();
            _lock.CommandText = AuditStore.LockPostgres;
        }
    }

    private const string TipSqlite = "SELECT seq, entry_hash FROM audit_entries ORDER BY seq DESC LIMIT 1";
    private const string TipSqlServer = "SELECT TOP (1) seq, entry_hash FROM dbo.audit_entries WITH (UPDLOCK, HOLDLOCK) ORDER BY seq DESC";

    // Read once the table lock is granted (AuditStore.LockPostgres says why).
    private const string TipPostgres = TipSqlite;

    private const string InsertHead = """
        INSERT INTO audit_entries (seq, decision_id, decided_at, principal, role, action, case_id, subject_ref, council_id, group_id,
                                   view_kind, outcome, rule_ids, reason, prev_hash, entry_hash)
        VALUES
        """;

    private const string InsertRowSqlite = InsertHead + " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";

    /// <summary>The largest run of rows in one insert statement.</summary>
    public int MaxRun { get; }

    /// <summary>
    /// SQL Server takes at most 2,100 parameters per statement, and each statement is a round
    /// trip: 128 rows (2,048 parameters). SQLite runs in process, where a statement costs little,
    /// but finds each named parameter by a linear search of the statement's parameters, so binding
    /// grows with the square of the run: there, one row per statement.
    /// </summary>
    private static int DefaultRun(DatabaseProvider provider) => provider == DatabaseProvider.Sqlite ? 1 : 128;

    /// <summary>Chains and durably appends entries in one transaction; sets their sequence numbers and hashes.</summary>
    public async Task<long> AppendAsync(IReadOnlyList<AuditRecord> entries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return 0;
        }

        await using var transaction = await _connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        if (_lock is not null)
        {
            _lock.Transaction = transaction;
            await _lock.ExecuteNonQueryAsync(ct);
        }

        _tip.Transaction = transaction;
        long seq = 0;
        var previous = AuditChain.Genesis;
        await using (var reader = await _tip.ExecuteReaderAsync(ct))
        {
            if (await reader.ReadAsync(ct))
            {
                seq = reader.GetInt64(0);
                previous = reader.GetString(1);
            }
        }

        foreach (var entry in entries)
        {
            entry.Seq = ++seq;
            entry.PrevHash = previous;
            entry.EntryHash = AuditPage.Hash(entry);
            previous = entry.EntryHash;
        }

        if (_positional)
        {
            var row = _row ??= new SqliteStatement((Microsoft.Data.Sqlite.SqliteConnection)_connection, InsertRowSqlite);
            foreach (var entry in entries)
            {
                Bind(row, entry);
                row.Execute();
            }
        }
        else
        {
            await InsertRunsAsync(entries, transaction, ct);
        }

        await transaction.CommitAsync(ct);
        return seq;
    }

    private async Task InsertRunsAsync(IReadOnlyList<AuditRecord> entries, DbTransaction transaction, CancellationToken ct)
    {
        var offset = 0;
        while (offset < entries.Count)
        {
            var run = Math.Min(MaxRun, HighestPowerOfTwo(entries.Count - offset));
            var insert = InsertOf(run);
            insert.Transaction = transaction;
            for (var row = 0; row < run; row++)
            {
                Bind(insert.Parameters, row * Columns, entries[offset + row]);
            }

            await insert.ExecuteNonQueryAsync(ct);
            offset += run;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Finalized before its connection closes.
        _row?.Dispose();
        await _tip.DisposeAsync();
        if (_lock is not null)
        {
            await _lock.DisposeAsync();
        }

        foreach (var insert in _inserts.Values)
        {
            await insert.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    private static int HighestPowerOfTwo(int n) => 1 << (31 - int.LeadingZeroCount(n));

    private DbCommand InsertOf(int rows)
    {
        if (_inserts.TryGetValue(rows, out var cached))
        {
            return cached;
        }

        var sql = new StringBuilder(InsertHead);
        var command = _connection.CreateCommand();
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "\n    (" : ",\n    (");
            for (var column = 0; column < Columns; column++)
            {
                var name = $"@p{(row * Columns) + column}";
                sql.Append(column == 0 ? name : ", " + name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                // No Size: a value too long for its column must fail the batch, never be cut after it was hashed.
                parameter.DbType = ColumnType(column);
                command.Parameters.Add(parameter);
            }

            sql.Append(')');
        }

        command.CommandText = sql.ToString();
        _inserts[rows] = command;
        return command;
    }

    private DbType ColumnType(int column) => column switch
    {
        0 => DbType.Int64,
        2 => _provider switch
        {
            DatabaseProvider.Sqlite => DbType.String,
            DatabaseProvider.SqlServer => DbType.DateTimeOffset,
            _ => DbType.Int64,
        },
        4 or 5 or 10 or 11 => DbType.Int32,
        3 or 13 => DbType.String,
        _ => DbType.AnsiString,
    };

    /// <summary>The row's values by position, as <see cref="Bind(DbParameterCollection, int, AuditRecord)"/> binds them by name on SQLite.</summary>
    private static void Bind(SqliteStatement row, AuditRecord e)
    {
        row.Bind(1, e.Seq);
        row.Bind(2, e.DecisionId);
        Span<char> decidedAt = stackalloc char[DapperTypeHandlers.SqliteTextLength];
        row.Bind(3, decidedAt[..DapperTypeHandlers.FormatSqliteText(e.DecidedAt, decidedAt)]);
        row.Bind(4, e.Principal);
        row.Bind(5, e.Role);
        row.Bind(6, e.Action);
        row.Bind(7, e.CaseId);
        row.Bind(8, e.SubjectRef);
        row.Bind(9, e.CouncilId);
        row.Bind(10, e.GroupId);
        row.Bind(11, e.ViewKind);
        row.Bind(12, e.Outcome);
        row.Bind(13, e.RuleIds);
        row.Bind(14, e.Reason);
        row.Bind(15, e.PrevHash);
        row.Bind(16, e.EntryHash);
    }

    private void Bind(DbParameterCollection parameters, int first, AuditRecord e)
    {
        parameters[first].Value = e.Seq;
        parameters[first + 1].Value = e.DecisionId;
        parameters[first + 2].Value = _provider switch
        {
            DatabaseProvider.Sqlite => DapperTypeHandlers.ToSqliteText(e.DecidedAt),
            DatabaseProvider.SqlServer => e.DecidedAt.ToUniversalTime(),
            // UTC ticks (Migrations/postgres/0100_audit.sql says why).
            _ => e.DecidedAt.UtcTicks,
        };
        parameters[first + 3].Value = e.Principal;
        parameters[first + 4].Value = e.Role;
        parameters[first + 5].Value = e.Action;
        parameters[first + 6].Value = e.CaseId;
        parameters[first + 7].Value = e.SubjectRef;
        parameters[first + 8].Value = e.CouncilId;
        parameters[first + 9].Value = e.GroupId;
        parameters[first + 10].Value = e.ViewKind;
        parameters[first + 11].Value = e.Outcome;
        parameters[first + 12].Value = e.RuleIds;
        parameters[first + 13].Value = e.Reason;
        parameters[first + 14].Value = e.PrevHash;
        parameters[first + 15].Value = e.EntryHash;
    }
}
