using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Records.Store;

/// <summary>Cases: one person followed in one body, and their lifecycle state (REC-7).</summary>
public sealed class CaseStore
{
    private const string Insert = """
        INSERT INTO cases (id, case_code, subject_ref, council_id, group_id, start_date, created_at, created_by, status, body_kind)
        VALUES (@Id, @CaseCode, @SubjectRef, @CouncilId, @GroupId, @StartDate, @CreatedAt, @CreatedBy, @Status, @BodyKind)
        """;

    public Task InsertAsync(StoreSession w, CaseRow row) => w.ExecuteAsync(Insert, row);

    private const string Select = """
        SELECT id AS Id, case_code AS CaseCode, subject_ref AS SubjectRef, council_id AS CouncilId, group_id AS GroupId,
               start_date AS StartDate, created_at AS CreatedAt, created_by AS CreatedBy, status AS Status, end_date AS EndDate,
               destroy_on AS DestroyOn, elements_cipher AS ElementsCipher, elements_author AS ElementsAuthor, elements_at AS ElementsAt,
               body_kind AS BodyKind
        FROM cases WHERE id = @Id
        """;

    public Task<CaseRow?> FindAsync(StoreSession s, string id) => s.QuerySingleOrDefaultAsync<CaseRow>(Select, new { Id = id });

    private const string OfSubject = "SELECT id FROM cases WHERE subject_ref = @SubjectRef ORDER BY id";

    /// <summary>Ids of all the person's cases, active and archived (their own file, REC-10).</summary>
    public async Task<IReadOnlyList<string>> OfSubjectAsync(StoreSession s, string subjectRef) =>
        (await s.QueryAsync<string>(OfSubject, new { SubjectRef = subjectRef })).AsList();

    private const string Move = """
        UPDATE cases SET group_id = @ToGroup, body_kind = @BodyKind WHERE id = @Id AND group_id = @FromGroup AND status = 'ACTIVE'
        """;

    private const string InsertMove = """
        INSERT INTO case_moves (id, case_id, from_group, to_group, reason, decision_id, moved_at, moved_by)
        VALUES (@MoveId, @Id, @FromGroup, @ToGroup, @Reason, @DecisionId, @Now, @By)
        """;

    /// <summary>REC-8: moves an active case to another body and records the move; false when the case changed meanwhile.</summary>
    public async Task<bool> MoveAsync(StoreSession w, string id, string fromGroup, string toGroup, int bodyKind, int reason, string decisionId, string by)
    {
        var args = new
        {
            MoveId = Guid.CreateVersion7(w.Now).ToString(), Id = id, FromGroup = fromGroup, ToGroup = toGroup, BodyKind = bodyKind, Reason = reason,
            DecisionId = decisionId, w.Now, By = by,
        };
        if (await w.ExecuteAsync(Move, args) != 1)
        {
            return false;
        }

        await w.ExecuteAsync(InsertMove, args);
        return true;
    }

    private const string GroupsOfSubject = "SELECT DISTINCT group_id FROM cases WHERE subject_ref = @SubjectRef AND status = 'ACTIVE'";

    /// <summary>Groups holding the person's active cases (what consent may know).</summary>
    public async Task<IReadOnlyList<string>> GroupsOfSubjectAsync(StoreSession s, string subjectRef) =>
        (await s.QueryAsync<string>(GroupsOfSubject, new { SubjectRef = subjectRef })).AsList();

    private const string CodeTaken = "SELECT COUNT(*) FROM cases WHERE case_code = @Code";

    public async Task<bool> CodeTakenAsync(StoreSession w, string code) =>
        await w.ExecuteScalarAsync<long>(CodeTaken, new { Code = code }) > 0;

    private const string Close = """
        UPDATE cases SET status = 'ARCHIVED', end_date = @EndDate, destroy_on = @DestroyOn, closed_at = @Now, closed_by = @By
        WHERE id = @Id AND status = 'ACTIVE'
        """;

    /// <summary>ACTIVE → ARCHIVED; false when the case was not active any more.</summary>
    public async Task<bool> CloseAsync(StoreSession w, string id, DateOnly endDate, DateOnly destroyOn, string by) =>
        await w.ExecuteAsync(Close, new { Id = id, EndDate = endDate, DestroyOn = destroyOn, w.Now, By = by }) == 1;

    private const string SetElements = """
        UPDATE cases SET elements_cipher = @Cipher, elements_author = @Author, elements_at = @Now WHERE id = @Id AND status = 'ACTIVE'
        """;

    /// <summary>REC-3: replaces the sealed follow-up elements, with author and time.</summary>
    public async Task<bool> SetElementsAsync(StoreSession w, string id, byte[] cipher, string author) =>
        await w.ExecuteAsync(SetElements, new { Id = id, Cipher = cipher, Author = author, w.Now }) == 1;

    private const string SelectMoves = """
        SELECT from_group AS FromGroup, to_group AS ToGroup, reason AS Reason, moved_at AS MovedAt
        FROM case_moves WHERE case_id = @CaseId ORDER BY moved_at, id
        """;

    public async Task<IReadOnlyList<MoveRow>> MovesAsync(StoreSession s, string caseId) =>
        (await s.QueryAsync<MoveRow>(SelectMoves, new { CaseId = caseId })).AsList();

    private const string ActiveOfCouncilSqlite = """
        SELECT id FROM cases WHERE council_id = @CouncilId AND status = 'ACTIVE' AND (@GroupId = '' OR group_id = @GroupId) AND id > @After
        ORDER BY id LIMIT @Size
        """;

    private const string ActiveOfCouncilSqlServer = """
        SELECT TOP (@Size) id FROM dbo.cases WHERE council_id = @CouncilId AND status = 'ACTIVE' AND (@GroupId = '' OR group_id = @GroupId) AND id > @After
        ORDER BY id
        """;

    private const string ActiveOfCouncilPostgres = ActiveOfCouncilSqlite;

    /// <summary>One page of the ids of a council's active cases (optionally of one group), in id order.</summary>
    public async Task<IReadOnlyList<string>> ActiveOfCouncilAsync(StoreSession s, string councilId, string groupId, string after, int size) =>
        (await s.QueryAsync<string>(s.Dialect(ActiveOfCouncilSqlite, ActiveOfCouncilSqlServer, ActiveOfCouncilPostgres),
            new { CouncilId = councilId, GroupId = groupId, After = after, Size = size })).AsList();

    private const string ReachableSqlite = """
        SELECT id AS Id, case_code AS CaseCode, subject_ref AS SubjectRef, council_id AS CouncilId, group_id AS GroupId,
               start_date AS StartDate, created_at AS CreatedAt, created_by AS CreatedBy, status AS Status, end_date AS EndDate,
               destroy_on AS DestroyOn, body_kind AS BodyKind
        FROM cases
        WHERE status = 'ACTIVE' AND id > @After AND (@CouncilId = '' OR council_id = @CouncilId) AND (@GroupId = '' OR group_id = @GroupId)
          AND (council_id IN @Councils OR group_id IN @Groups OR id IN @CaseRefs
               OR id IN (SELECT case_id FROM follow_ups WHERE path_referent_id = @Participant AND @Participant <> '')
               OR id IN (SELECT case_id FROM agenda_items WHERE meeting_id IN @Meetings)
               OR id IN (SELECT case_id FROM judicial_measures WHERE id IN @Measures))
        ORDER BY id LIMIT @Size
        """;

    private const string ReachableSqlServer = """
        SELECT TOP (@Size) id AS Id, case_code AS CaseCode, subject_ref AS SubjectRef, council_id AS CouncilId, group_id AS GroupId,
               start_date AS StartDate, created_at AS CreatedAt, created_by AS CreatedBy, status AS Status, end_date AS EndDate,
               destroy_on AS DestroyOn, body_kind AS BodyKind
        FROM dbo.cases
        WHERE status = 'ACTIVE' AND id > @After AND (@CouncilId = '' OR council_id = @CouncilId) AND (@GroupId = '' OR group_id = @GroupId)
          AND (council_id IN @Councils OR group_id IN @Groups OR id IN @CaseRefs
               OR id IN (SELECT case_id FROM dbo.follow_ups WHERE path_referent_id = @Participant AND @Participant <> '')
               OR id IN (SELECT case_id FROM dbo.agenda_items WHERE meeting_id IN @Meetings)
               OR id IN (SELECT case_id FROM dbo.judicial_measures WHERE id IN @Measures))
        ORDER BY id
        """;

    // PostgresStatements turns each `IN @List` into `= ANY(@List)`.
    private const string ReachablePostgres = ReachableSqlite;

    /// <summary>
    /// ACC-1: one page of the active cases a caller's designations may reach, in id order after
    /// <paramref name="after"/> (optionally of one council and one group): those of the councils and
    /// groups given, the cases given, the cases whose follow-up names <paramref name="participant"/>
    /// path referent, and the cases on the meetings' agendas and holding the measures given.
    /// </summary>
    public async Task<IReadOnlyList<CaseRow>> ReachableAsync(StoreSession s, CaseReachQuery reach, string councilId, string groupId, string after, int size) =>
        (await s.QueryAsync<CaseRow>(s.Dialect(ReachableSqlite, ReachableSqlServer, ReachablePostgres), new
        {
            reach.Councils, reach.Groups, reach.CaseRefs, reach.Meetings, reach.Measures, reach.Participant,
            CouncilId = councilId, GroupId = groupId, After = after, Size = size,
        })).AsList();
}
