using Clspd.Access.Domain;
using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Access.Store;

/// <summary>
/// The hash-chained audit trail (ACC-4), the plain reference path: append entries (the chain's tip
/// read and the entries inserted in the session's write transaction, so concurrent writers, even
/// other instances on SQL Server, never fork it), read them back, find and count them, all with
/// Dapper on a <see cref="StoreSession"/>. The service's hot paths are optimisations of these
/// methods, kept apart in <c>Store/FastPath</c> and tested to give the same chain byte for byte:
/// the group-commit writer and its appender (one connection kept open, statements built once),
/// the page reader and verifier (the raw SQLite handle, many entries hashed at once) and the
/// lookup keys kept in a second file.
/// </summary>
public sealed class AuditStore
{
    /// <summary>The columns of an entry, as <see cref="AuditRecord"/> names them.</summary>
    private const string Columns = """
        seq AS Seq, decision_id AS DecisionId, decided_at AS DecidedAt, principal AS Principal, role AS Role, action AS Action,
        case_id AS CaseId, subject_ref AS SubjectRef, council_id AS CouncilId, group_id AS GroupId, view_kind AS ViewKind,
        outcome AS Outcome, rule_ids AS RuleIds, reason AS Reason, prev_hash AS PrevHash, entry_hash AS EntryHash
        """;

    private const string TipSqlite = "SELECT seq AS Seq, entry_hash AS EntryHash FROM audit_entries ORDER BY seq DESC LIMIT 1";
    private const string TipSqlServer = "SELECT TOP (1) seq AS Seq, entry_hash AS EntryHash FROM dbo.audit_entries WITH (UPDLOCK, HOLDLOCK) ORDER BY seq DESC";

    /// <summary>
    /// On PostgreSQL, appenders take turns on the table before reading the tip: a row lock on the
    /// tip would not do (a second appender waiting on it would then read the same old tip from its
    /// statement's snapshot, and an empty trail has no row to lock). SHARE ROW EXCLUSIVE conflicts
    /// with itself and with inserts, not with reads; it is held until the transaction ends, and the
    /// tip query that follows sees every append committed before it was granted.
    /// </summary>
    public const string LockPostgres = "LOCK TABLE audit_entries IN SHARE ROW EXCLUSIVE MODE";
    private const string TipPostgres = TipSqlite;

    private const string Insert = """
        INSERT INTO audit_entries (seq, decision_id, decided_at, principal, role, action, case_id, subject_ref, council_id, group_id,
                                   view_kind, outcome, rule_ids, reason, prev_hash, entry_hash)
        VALUES (@Seq, @DecisionId, @DecidedAt, @Principal, @Role, @Action, @CaseId, @SubjectRef, @CouncilId, @GroupId,
                @ViewKind, @Outcome, @RuleIds, @Reason, @PrevHash, @EntryHash)
        """;

    // On PostgreSQL the instant is kept as UTC ticks (Migrations/postgres/0100_audit.sql says why).
    private const string InsertPostgres = """
        INSERT INTO audit_entries (seq, decision_id, decided_at, principal, role, action, case_id, subject_ref, council_id, group_id,
                                   view_kind, outcome, rule_ids, reason, prev_hash, entry_hash)
        VALUES (@Seq, @DecisionId, @DecidedAtTicks, @Principal, @Role, @Action, @CaseId, @SubjectRef, @CouncilId, @GroupId,
                @ViewKind, @Outcome, @RuleIds, @Reason, @PrevHash, @EntryHash)
        """;

    /// <summary>
    /// Chains entries after the trail's tip and inserts them in the session's write transaction;
    /// sets their sequence numbers and hashes (<see cref="AuditChain.Link"/>). Returns the last sequence number.
    /// </summary>
    public async Task<long> AppendAsync(StoreSession s, IReadOnlyList<AuditRecord> entries)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(entries);
        if (!s.IsWrite)
        {
            throw new InvalidOperationException("The audit trail is appended to only in a write session.");
        }

        if (s.Provider == DatabaseProvider.Postgres)
        {
            await s.ExecuteAsync(LockPostgres);
        }

        var tip = await s.QuerySingleOrDefaultAsync<Tip>(s.Dialect(TipSqlite, TipSqlServer, TipPostgres));
        AuditChain.Link(entries, tip?.Seq ?? 0, tip?.EntryHash ?? AuditChain.Genesis);
        foreach (var entry in entries)
        {
            if (s.Provider == DatabaseProvider.Postgres)
            {
                var parameters = new DynamicParameters(entry);
                parameters.Add("DecidedAtTicks", entry.DecidedAt.UtcTicks);
                await s.ExecuteAsync(InsertPostgres, parameters);
            }
            else
            {
                await s.ExecuteAsync(Insert, entry);
            }
        }

        return entries.Count == 0 ? tip?.Seq ?? 0 : entries[^1].Seq;
    }

    private sealed record Tip(long Seq, string EntryHash);

    private const string PageSqlite = $"SELECT {Columns} FROM audit_entries WHERE seq > @After ORDER BY seq LIMIT @Limit";
    private const string PageSqlServer = $"SELECT TOP (@Limit) {Columns} FROM dbo.audit_entries WHERE seq > @After ORDER BY seq";
    private const string PagePostgres = PageSqlite;

    /// <summary>Entries after a sequence number, in order (keyset paging, as verification walks the trail).</summary>
    public async Task<List<AuditRecord>> PageAsync(StoreSession s, long after, int limit)
    {
        ArgumentNullException.ThrowIfNull(s);
        return (await s.QueryAsync<AuditRecord>(s.Dialect(PageSqlite, PageSqlServer, PagePostgres), new { After = after, Limit = limit })).AsList();
    }

    private const string LastSequenceSqlite = "SELECT COALESCE(MAX(seq), 0) FROM audit_entries";
    private const string LastSequenceSqlServer = "SELECT COALESCE(MAX(seq), 0) FROM dbo.audit_entries";
    private const string LastSequencePostgres = LastSequenceSqlite;

    /// <summary>The highest sequence number in the trail (0 when empty): the length of a verification walk.</summary>
    public async Task<long> LastSequenceAsync(StoreSession s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return await s.ExecuteScalarAsync<long>(s.Dialect(LastSequenceSqlite, LastSequenceSqlServer, LastSequencePostgres));
    }

    /// <summary>Entries matching the filters, oldest first. Filters are fixed clauses; every value is a parameter.</summary>
    public async Task<List<AuditRecord>> FindAsync(StoreSession s, AuditFilter filter)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(filter);
        var where = Where(filter, s.Provider);
        var sql = s.Provider == DatabaseProvider.SqlServer
            ? $"SELECT TOP (@Limit) {Columns} FROM dbo.audit_entries WHERE {where} ORDER BY seq"
            : $"SELECT {Columns} FROM audit_entries WHERE {where} ORDER BY seq LIMIT @Limit";
        return (await s.QueryAsync<AuditRecord>(sql, Parameters(filter, s.Provider))).AsList();
    }

    /// <summary>
    /// On SQLite, the entries among the sequence numbers <paramref name="seqsJson"/> (a JSON array)
    /// that match the filters, oldest first: what the lookup keys found, every filter applied again.
    /// </summary>
    public async Task<List<AuditRecord>> FindAmongAsync(StoreSession s, AuditFilter filter, string seqsJson)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(filter);
        var parameters = new DynamicParameters(filter);
        parameters.Add("Seqs", seqsJson);
        return (await s.QueryAsync<AuditRecord>(
            $"SELECT {Columns} FROM audit_entries WHERE seq IN (SELECT value FROM json_each(@Seqs)) AND {Where(filter, s.Provider)} ORDER BY seq LIMIT @Limit",
            parameters)).AsList();
    }

    // On PostgreSQL the bounds are compared as UTC ticks, as the instant is stored there.
    private static object Parameters(AuditFilter filter, DatabaseProvider provider)
    {
        if (provider != DatabaseProvider.Postgres)
        {
            return filter;
        }

        var parameters = new DynamicParameters(filter);
        parameters.Add("FromTicks", filter.From?.UtcTicks);
        parameters.Add("ToTicks", filter.To?.UtcTicks);
        return parameters;
    }

    private static string Where(AuditFilter filter, DatabaseProvider provider)
    {
        var ticks = provider == DatabaseProvider.Postgres ? "Ticks" : "";
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
            clauses.Add("decided_at >= @From" + ticks);
        }

        if (filter.To is not null)
        {
            clauses.Add("decided_at < @To" + ticks);
        }

        if (filter.CouncilIds is not null)
        {
            clauses.Add("council_id IN @CouncilIds");
        }

        return string.Join(" AND ", clauses);
    }

    private const string CountOfCouncil = """
        SELECT action AS Action, outcome AS Outcome, rule_ids AS RuleIds, COUNT(*) AS Count
        FROM audit_entries WHERE council_id = @CouncilId AND decided_at >= @From AND decided_at < @To
        GROUP BY action, outcome, rule_ids
        """;
    private const string CountOfCouncilPostgres = """
        SELECT action AS Action, outcome AS Outcome, rule_ids AS RuleIds, COUNT(*) AS Count
        FROM audit_entries WHERE council_id = @CouncilId AND decided_at >= @FromTicks AND decided_at < @ToTicks
        GROUP BY action, outcome, rule_ids
        """;

    /// <summary>REC-11: a council's decisions in [from, to), counted per action, outcome and rule list.</summary>
    public async Task<IReadOnlyList<AuditCountRow>> CountAsync(StoreSession s, string councilId, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Provider == DatabaseProvider.Postgres
            ? (await s.QueryAsync<AuditCountRow>(CountOfCouncilPostgres, new { CouncilId = councilId, FromTicks = from.UtcTicks, ToTicks = to.UtcTicks })).AsList()
            : (await s.QueryAsync<AuditCountRow>(CountOfCouncil, new { CouncilId = councilId, From = from, To = to })).AsList();
    }
}
