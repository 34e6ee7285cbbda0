using System.Data.Common;
using Clspd.Access.Domain;
using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Access.Store;

/// <summary>
/// The hash-chained audit trail (ACC-4). The chain tip is read and the entries inserted in one
/// write transaction, so concurrent writers (even other instances on SQL Server) never fork it.
/// </summary>
public sealed class AuditStore(Database database)
{
    private const string TipSqlite = "SELECT seq AS Seq, entry_hash AS EntryHash FROM audit_entries ORDER BY seq DESC LIMIT 1";
    private const string TipSqlServer = "SELECT TOP (1) seq AS Seq, entry_hash AS EntryHash FROM dbo.audit_entries WITH (UPDLOCK, HOLDLOCK) ORDER BY seq DESC";

    private const string Insert = """
        INSERT INTO audit_entries (seq, decision_id, decided_at, principal, role, action, case_id, subject_ref, council_id, group_id,
                                   view_kind, outcome, rule_ids, reason, prev_hash, entry_hash)
        VALUES (@Seq, @DecisionId, @DecidedAt, @Principal, @Role, @Action, @CaseId, @SubjectRef, @CouncilId, @GroupId,
                @ViewKind, @Outcome, @RuleIds, @Reason, @PrevHash, @EntryHash)
        """;

    private sealed class Tip
    {
        public long Seq { get; init; }
        public string EntryHash { get; init; } = "";
    }

    public Database Database => database;

    /// <summary>Chains and durably appends one entry; sets its sequence number and hashes.</summary>
    public Task AppendAsync(AuditRecord entry, CancellationToken ct) => AppendBatchAsync([entry], ct);

    /// <summary>Chains and durably appends entries in one transaction (one disk flush for the batch).</summary>
    public Task AppendBatchAsync(IReadOnlyList<AuditRecord> entries, CancellationToken ct) =>
        database.WriteAsync(async w =>
        {
            var tip = await w.QuerySingleOrDefaultAsync<Tip>(w.Provider == DatabaseProvider.Sqlite ? TipSqlite : TipSqlServer);
            var seq = tip?.Seq ?? 0;
            var previous = tip?.EntryHash ?? AuditChain.Genesis;
            foreach (var entry in entries)
            {
                entry.Seq = ++seq;
                entry.PrevHash = previous;
                entry.EntryHash = AuditChain.Hash(entry);
                previous = entry.EntryHash;
            }

            await w.ExecuteAsync(Insert, entries);
            return seq;
        }, ct);

    private const string Columns = """
        seq AS Seq, decision_id AS DecisionId, decided_at AS DecidedAt, principal AS Principal, role AS Role, action AS Action,
        case_id AS CaseId, subject_ref AS SubjectRef, council_id AS CouncilId, group_id AS GroupId, view_kind AS ViewKind,
        outcome AS Outcome, rule_ids AS RuleIds, reason AS Reason, prev_hash AS PrevHash, entry_hash AS EntryHash
        """;

    private const string PageSqlite = $"SELECT {Columns} FROM audit_entries WHERE seq > @After ORDER BY seq LIMIT @Limit";
    private const string PageSqlServer = $"SELECT TOP (@Limit) {Columns} FROM dbo.audit_entries WHERE seq > @After ORDER BY seq";

    /// <summary>Entries after a sequence number, in order (keyset paging for verification).</summary>
    public async Task<IReadOnlyList<AuditRecord>> PageAsync(DbConnection connection, long after, int limit, CancellationToken ct) =>
        (await connection.QueryAsync<AuditRecord>(new CommandDefinition(
            database.Provider == DatabaseProvider.Sqlite ? PageSqlite : PageSqlServer, new { After = after, Limit = limit }, cancellationToken: ct))).AsList();

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
        var sql = database.Provider == DatabaseProvider.Sqlite
            ? $"SELECT {Columns} FROM audit_entries WHERE {where} ORDER BY seq LIMIT @Limit"
            : $"SELECT TOP (@Limit) {Columns} FROM dbo.audit_entries WHERE {where} ORDER BY seq";
        return await database.ReadAsync(async c => (await c.QueryAsync<AuditRecord>(new CommandDefinition(sql, filter, cancellationToken: ct))).AsList(), ct);
    }

    private const string CountOfCouncil = """
        SELECT action AS Action, outcome AS Outcome, rule_ids AS RuleIds, COUNT(*) AS Count
        FROM audit_entries WHERE council_id = @CouncilId AND decided_at >= @From AND decided_at < @To
        GROUP BY action, outcome, rule_ids
        """;

    /// <summary>REC-11: a council's decisions in [from, to), counted per action, outcome and rule list.</summary>
    public async Task<IReadOnlyList<AuditCountRow>> CountAsync(string councilId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        await database.ReadAsync(async c => (await c.QueryAsync<AuditCountRow>(new CommandDefinition(CountOfCouncil,
            new { CouncilId = councilId, From = from, To = to }, cancellationToken: ct))).AsList(), ct);
}
