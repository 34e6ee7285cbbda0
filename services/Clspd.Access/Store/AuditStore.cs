using Clspd.Access.Domain;
using Clspd.ServiceDefaults.Data;

namespace Clspd.Access.Store;

/// <summary>
/// Appends to the hash-chained audit trail. The chain tip is read and the entry inserted in one
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

    /// <summary>Chains and durably appends an entry; sets its sequence number and hashes.</summary>
    public Task AppendAsync(AuditEntry entry, CancellationToken ct) =>
        database.WriteAsync(async w =>
        {
            var tip = await w.QuerySingleOrDefaultAsync<Tip>(w.Provider == DatabaseProvider.Sqlite ? TipSqlite : TipSqlServer);
            entry.Seq = (tip?.Seq ?? 0) + 1;
            entry.PrevHash = tip?.EntryHash ?? AuditChain.Genesis;
            entry.EntryHash = AuditChain.Hash(entry);
            await w.ExecuteAsync(Insert, entry);
            return entry.Seq;
        }, ct);
}
