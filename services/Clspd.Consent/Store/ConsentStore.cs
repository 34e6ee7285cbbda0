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

    public Task InsertInformingAsync(StoreSession s, InformingRow row) => s.ExecuteAsync(InsertInforming, row);

    private const string InformingColumns = """
        SELECT id AS Id, subject_ref AS SubjectRef, party_ref AS PartyRef, informed_at AS InformedAt, informed_by AS InformedBy,
               channel AS Channel, notice_version AS NoticeVersion, recorded_at AS RecordedAt, revision AS Revision
        FROM informings
        """;

    private const string InformingsOf = InformingColumns + " WHERE subject_ref = @SubjectRef ORDER BY revision, informed_at, id";

    /// <summary>Every informing of a subject (all parties), in revision order.</summary>
    public async Task<IReadOnlyList<InformingRow>> InformingsAsync(StoreSession s, string subjectRef) =>
        (await s.QueryAsync<InformingRow>(InformingsOf, new { SubjectRef = subjectRef })).AsList();

    private const string InsertDecision = """
        INSERT INTO decisions (id, subject_ref, purpose, group_id, decision, decided_by_ref, evidence, notice_version, decided_at, recorded_by,
                               content_sha256, decider_role, revision)
        VALUES (@Id, @SubjectRef, @Purpose, @GroupId, @Decision, @DecidedByRef, @Evidence, @NoticeVersion, @DecidedAt, @RecordedBy,
                @ContentSha256, @DeciderRole, @Revision)
        """;

    public Task InsertDecisionAsync(StoreSession s, DecisionRow row) => s.ExecuteAsync(InsertDecision, row);

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
        StoreSession s, string subjectRef, int purpose, string groupId) =>
        (await s.QueryAsync<DecisionRow>(DecisionsFor,
            new { SubjectRef = subjectRef, Purpose = purpose, GroupId = groupId })).AsList();

    /// <summary>The change feed's revision now: every write up to it is committed.</summary>
    public Task<long> CurrentRevisionAsync(StoreSession s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return ChangeLog.CurrentRevisionAsync(s);
    }

    /// <summary>
    /// What a consent state is evaluated from, read after <paramref name="revision"/> was (so that they
    /// include every write up to it): the subject with its representatives and groups, its decisions for
    /// the purpose and group, and its informings.
    /// </summary>
    public async Task<StateFacts> StateFactsAsync(StoreSession s, SubjectStore subjects, string subjectRef, int purpose, string groupId, long revision)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var subject = await subjects.FindAsync(s, subjectRef);
        var decisions = await DecisionsAsync(s, subjectRef, purpose, groupId);
        var informings = await InformingsAsync(s, subjectRef);
        return new StateFacts(revision, subject, decisions, informings);
    }

    private const string DecisionById = DecisionColumns + " WHERE id = @Id";

    public Task<DecisionRow?> DecisionAsync(StoreSession s, string id) =>
        s.QuerySingleOrDefaultAsync<DecisionRow>(DecisionById, new { Id = id });

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
    private const string InformingsPagePostgres = InformingsPageSqlite;
    private const string DecisionsPagePostgres = DecisionsPageSqlite;

    /// <summary>One page of a subject's history after a revision: informings and decisions, each in revision order.</summary>
    public async Task<(IReadOnlyList<InformingRow> Informings, IReadOnlyList<DecisionRow> Decisions)> HistoryAsync(
        StoreSession s, string subjectRef, long after, int limit)
    {
        var parameters = new { SubjectRef = subjectRef, After = after, Limit = limit };
        var informings = await s.QueryAsync<InformingRow>(
            s.Dialect(InformingsPageSqlite, InformingsPageSqlServer, InformingsPagePostgres), parameters);
        var decisions = await s.QueryAsync<DecisionRow>(
            s.Dialect(DecisionsPageSqlite, DecisionsPageSqlServer, DecisionsPagePostgres), parameters);
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
    public async Task<IReadOnlyList<DecisionCountRow>> CountDecisionsAsync(StoreSession s, string councilId, DateTimeOffset from, DateTimeOffset to) =>
        (await s.QueryAsync<DecisionCountRow>(CountOfCouncil, new { CouncilId = councilId, From = from, To = to })).AsList();
}
