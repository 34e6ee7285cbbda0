using System.Data.Common;
using Clspd.ServiceDefaults.ChangeFeed;
using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Consent.Store;

/// <summary>Informings and decisions of one subject: inserts only, never updates or deletes (CON-5).</summary>
public sealed class ConsentStore
{
    private const string InsertInforming = """
        INSERT INTO informings (id, subject_ref, party_ref, informed_at, informed_by, channel, notice_version, recorded_at, revision)
        VALUES (@Id, @SubjectRef, @PartyRef, @InformedAt, @InformedBy, @Channel, @NoticeVersion, @RecordedAt, @Revision)
        """;

    public Task InsertInformingAsync(StoreSession w, InformingRow row) => w.ExecuteAsync(InsertInforming, row);

    private const string InformingColumns = """
        SELECT id AS Id, subject_ref AS SubjectRef, party_ref AS PartyRef, informed_at AS InformedAt, informed_by AS InformedBy,
               channel AS Channel, notice_version AS NoticeVersion, recorded_at AS RecordedAt, revision AS Revision
        FROM informings
        """;

    private const string InformingsOf = InformingColumns + " WHERE subject_ref = @SubjectRef ORDER BY revision, informed_at, id";

    /// <summary>Every informing of a subject (all parties), in revision order.</summary>
    public async Task<IReadOnlyList<InformingRow>> InformingsAsync(DbConnection connection, DbTransaction? transaction, string subjectRef, CancellationToken ct) =>
        (await connection.QueryAsync<InformingRow>(new CommandDefinition(InformingsOf, new { SubjectRef = subjectRef }, transaction, cancellationToken: ct))).AsList();

    private const string InsertDecision = """
        INSERT INTO decisions (id, subject_ref, purpose, group_id, decision, decided_by_ref, evidence, notice_version, decided_at, recorded_by,
                               content_sha256, decider_role, revision)
        VALUES (@Id, @SubjectRef, @Purpose, @GroupId, @Decision, @DecidedByRef, @Evidence, @NoticeVersion, @DecidedAt, @RecordedBy,
                @ContentSha256, @DeciderRole, @Revision)
        """;

    public Task InsertDecisionAsync(StoreSession w, DecisionRow row) => w.ExecuteAsync(InsertDecision, row);

    private const string DecisionColumns = """
        SELECT id AS Id, subject_ref AS SubjectRef, purpose AS Purpose, group_id AS GroupId, decision AS Decision,
               decided_by_ref AS DecidedByRef, evidence AS Evidence, notice_version AS NoticeVersion, decided_at AS DecidedAt,
               recorded_by AS RecordedBy, content_sha256 AS ContentSha256, decider_role AS DeciderRole, revision AS Revision
        FROM decisions
        """;

    private const string DecisionsFor = DecisionColumns + """
         WHERE subject_ref = @SubjectRef AND purpose = @Purpose AND group_id = @GroupId
        ORDER BY revision, decided_at, id
        """;

    /// <summary>The decisions of a subject for one purpose and group, in revision order (the order "latest wins" follows).</summary>
    public async Task<IReadOnlyList<DecisionRow>> DecisionsAsync(
        DbConnection connection, DbTransaction? transaction, string subjectRef, int purpose, string groupId, CancellationToken ct) =>
        (await connection.QueryAsync<DecisionRow>(new CommandDefinition(DecisionsFor,
            new { SubjectRef = subjectRef, Purpose = purpose, GroupId = groupId }, transaction, cancellationToken: ct))).AsList();

    /// <summary>
    /// What a consent state is evaluated from (GetConsentState), on one connection: the feed's revision
    /// first (every write up to it is committed, so the facts read next include them), then the subject
    /// with its representatives and groups, its decisions for the purpose and group, and its informings.
    /// Facts the <paramref name="cache"/> kept at the revision just read are reused instead.
    /// </summary>
    public async Task<StateFacts> StateFactsAsync(
        DbConnection connection, SubjectStore subjects, string subjectRef, int purpose, string groupId, StateFactsCache cache, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        ArgumentNullException.ThrowIfNull(cache);
        var revision = await ChangeLog.CurrentRevisionAsync(connection, ct);
        if (cache.TryGet(revision, subjectRef, purpose, groupId, out var held))
        {
            return held;
        }

        var subject = await subjects.FindAsync(connection, null, subjectRef, ct);
        var decisions = await DecisionsAsync(connection, null, subjectRef, purpose, groupId, ct);
        var informings = await InformingsAsync(connection, null, subjectRef, ct);
        var facts = new StateFacts(revision, subject, decisions, informings);
        cache.Put(subjectRef, purpose, groupId, facts);
        return facts;
    }

    private const string DecisionById = DecisionColumns + " WHERE id = @Id";

    public Task<DecisionRow?> DecisionAsync(DbConnection connection, string id, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<DecisionRow>(new CommandDefinition(DecisionById, new { Id = id }, cancellationToken: ct));

    private const string InformingsPageSqlite = InformingColumns + " WHERE subject_ref = @SubjectRef AND revision > @After ORDER BY revision, id LIMIT @Limit";
    private const string DecisionsPageSqlite = DecisionColumns + " WHERE subject_ref = @SubjectRef AND revision > @After ORDER BY revision, id LIMIT @Limit";
    private const string InformingsPageSqlServer = """
        SELECT TOP (@Limit) id AS Id, subject_ref AS SubjectRef, party_ref AS PartyRef, informed_at AS InformedAt, informed_by AS InformedBy,
               channel AS Channel, notice_version AS NoticeVersion, recorded_at AS RecordedAt, revision AS Revision
        FROM informings WHERE subject_ref = @SubjectRef AND revision > @After ORDER BY revision, id
        """;
    private const string DecisionsPageSqlServer = """
        SELECT TOP (@Limit) id AS Id, subject_ref AS SubjectRef, purpose AS Purpose, group_id AS GroupId, decision AS Decision,
               decided_by_ref AS DecidedByRef, evidence AS Evidence, notice_version AS NoticeVersion, decided_at AS DecidedAt,
               recorded_by AS RecordedBy, content_sha256 AS ContentSha256, decider_role AS DeciderRole, revision AS Revision
        FROM decisions WHERE subject_ref = @SubjectRef AND revision > @After ORDER BY revision, id
        """;

    /// <summary>One page of a subject's history after a revision: informings and decisions, each in revision order.</summary>
    public async Task<(IReadOnlyList<InformingRow> Informings, IReadOnlyList<DecisionRow> Decisions)> HistoryAsync(
        DbConnection connection, DatabaseProvider provider, string subjectRef, long after, int limit, CancellationToken ct)
    {
        var parameters = new { SubjectRef = subjectRef, After = after, Limit = limit };
        var sqlite = provider == DatabaseProvider.Sqlite;
        var informings = await connection.QueryAsync<InformingRow>(new CommandDefinition(
            sqlite ? InformingsPageSqlite : InformingsPageSqlServer, parameters, cancellationToken: ct));
        var decisions = await connection.QueryAsync<DecisionRow>(new CommandDefinition(
            sqlite ? DecisionsPageSqlite : DecisionsPageSqlServer, parameters, cancellationToken: ct));
        return (informings.AsList(), decisions.AsList());
    }

    private const string CountOfCouncil = """
        SELECT d.purpose AS Purpose, d.decision AS Decision, COUNT(*) AS Count
        FROM decisions d JOIN subjects s ON s.subject_ref = d.subject_ref
        WHERE s.council_id = @CouncilId AND d.decided_at >= @From AND d.decided_at < @To
        GROUP BY d.purpose, d.decision
        ORDER BY d.purpose, d.decision
        """;

    /// <summary>REC-11: decisions of a council's subjects decided in [from, to), counted per purpose and decision.</summary>
    public async Task<IReadOnlyList<DecisionCountRow>> CountDecisionsAsync(DbConnection connection, string councilId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        (await connection.QueryAsync<DecisionCountRow>(new CommandDefinition(CountOfCouncil, new { CouncilId = councilId, From = from, To = to }, cancellationToken: ct))).AsList();
}
