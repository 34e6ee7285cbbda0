using System.Data.Common;
using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Consent.Store;

/// <summary>Informings and decisions of one subject: inserts only, never updates (CON-5).</summary>
public sealed class ConsentStore
{
    private const string InsertInforming = """
        INSERT INTO informings (id, subject_ref, party_ref, informed_at, informed_by, channel, notice_version, recorded_at)
        VALUES (@Id, @SubjectRef, @PartyRef, @InformedAt, @InformedBy, @Channel, @NoticeVersion, @RecordedAt)
        """;

    public Task InsertInformingAsync(WriteContext w, InformingRow row) => w.ExecuteAsync(InsertInforming, row);

    private const string InformedBefore = """
        SELECT COUNT(*) FROM informings WHERE subject_ref = @SubjectRef AND party_ref = @PartyRef AND informed_at <= @At
        """;

    /// <summary>Whether a party of a subject was informed at or before an instant.</summary>
    public async Task<bool> WasInformedAsync(DbConnection connection, DbTransaction? transaction, string subjectRef, string partyRef, DateTimeOffset at, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(InformedBefore,
            new { SubjectRef = subjectRef, PartyRef = partyRef, At = at }, transaction, cancellationToken: ct)) > 0;

    private const string InsertDecision = """
        INSERT INTO decisions (id, subject_ref, purpose, group_id, decision, decided_by_ref, evidence, notice_version, decided_at, recorded_by, content_sha256)
        VALUES (@Id, @SubjectRef, @Purpose, @GroupId, @Decision, @DecidedByRef, @Evidence, @NoticeVersion, @DecidedAt, @RecordedBy, @ContentSha256)
        """;

    public Task InsertDecisionAsync(WriteContext w, DecisionRow row) => w.ExecuteAsync(InsertDecision, row);

    private const string DecisionsFor = """
        SELECT id AS Id, subject_ref AS SubjectRef, purpose AS Purpose, group_id AS GroupId, decision AS Decision,
               decided_by_ref AS DecidedByRef, evidence AS Evidence, notice_version AS NoticeVersion, decided_at AS DecidedAt,
               recorded_by AS RecordedBy, content_sha256 AS ContentSha256
        FROM decisions WHERE subject_ref = @SubjectRef AND purpose = @Purpose AND group_id = @GroupId
        ORDER BY decided_at, id
        """;

    public async Task<IReadOnlyList<DecisionRow>> DecisionsAsync(DbConnection connection, string subjectRef, int purpose, string groupId, CancellationToken ct) =>
        (await connection.QueryAsync<DecisionRow>(new CommandDefinition(DecisionsFor,
            new { SubjectRef = subjectRef, Purpose = purpose, GroupId = groupId }, cancellationToken: ct))).AsList();
}
