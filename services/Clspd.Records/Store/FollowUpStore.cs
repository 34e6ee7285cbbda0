using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Records.Store;

/// <summary>What a case holds: referrals, the follow-up, actions, judicial measures, information items (codes only).</summary>
public sealed class FollowUpStore
{
    private const string InsertReferral = """
        INSERT INTO referrals (id, case_id, origin, reasons, referred_on, recorded_at, recorded_by)
        VALUES (@Id, @CaseId, @Origin, @Reasons, @ReferredOn, @RecordedAt, @RecordedBy)
        """;

    public Task InsertReferralAsync(StoreSession w, ReferralRow row) => w.ExecuteAsync(InsertReferral, row);

    private const string SelectReferrals = """
        SELECT id AS Id, case_id AS CaseId, origin AS Origin, reasons AS Reasons, referred_on AS ReferredOn,
               recorded_at AS RecordedAt, recorded_by AS RecordedBy
        FROM referrals WHERE case_id = @CaseId ORDER BY referred_on, id
        """;

    public async Task<IReadOnlyList<ReferralRow>> ReferralsAsync(StoreSession s, string caseId) =>
        (await s.QueryAsync<ReferralRow>(SelectReferrals, new { CaseId = caseId })).AsList();

    private const string InsertFollowUp = """
        INSERT INTO follow_ups (case_id, referral_id, programme, path_referent_id, start_date, started_at, started_by)
        VALUES (@CaseId, @ReferralId, @Programme, @PathReferentId, @StartDate, @StartedAt, @StartedBy)
        """;

    public Task InsertFollowUpAsync(StoreSession w, FollowUpRow row) => w.ExecuteAsync(InsertFollowUp, row);

    private const string SelectFollowUp = """
        SELECT case_id AS CaseId, referral_id AS ReferralId, programme AS Programme, path_referent_id AS PathReferentId,
               start_date AS StartDate, started_at AS StartedAt, started_by AS StartedBy
        FROM follow_ups WHERE case_id = @CaseId
        """;

    public Task<FollowUpRow?> FollowUpAsync(StoreSession s, string caseId) => s.QuerySingleOrDefaultAsync<FollowUpRow>(SelectFollowUp, new { CaseId = caseId });

    private const string InsertAction = """
        INSERT INTO actions (id, case_id, kind, start_date, end_date, result, recorded_at, recorded_by)
        VALUES (@Id, @CaseId, @Kind, @StartDate, @EndDate, @Result, @RecordedAt, @RecordedBy)
        """;

    public Task InsertActionAsync(StoreSession w, ActionRow row) => w.ExecuteAsync(InsertAction, row);

    private const string SelectAction = """
        SELECT id AS Id, case_id AS CaseId, kind AS Kind, start_date AS StartDate, end_date AS EndDate, result AS Result,
               recorded_at AS RecordedAt, recorded_by AS RecordedBy
        FROM actions WHERE id = @Id AND case_id = @CaseId
        """;

    public Task<ActionRow?> ActionAsync(StoreSession w, string caseId, string id) =>
        w.QuerySingleOrDefaultAsync<ActionRow>(SelectAction, new { CaseId = caseId, Id = id });

    private const string CompleteAction = "UPDATE actions SET end_date = @EndDate, result = @Result WHERE id = @Id AND case_id = @CaseId";

    public Task CompleteActionAsync(StoreSession w, string caseId, string id, DateOnly endDate, int result) =>
        w.ExecuteAsync(CompleteAction, new { CaseId = caseId, Id = id, EndDate = endDate, Result = result });

    private const string InsertMeasure = """
        INSERT INTO judicial_measures (id, case_id, kind, necessity, start_date, recorded_at, recorded_by)
        VALUES (@Id, @CaseId, @Kind, @Necessity, @StartDate, @RecordedAt, @RecordedBy)
        """;

    public Task InsertMeasureAsync(StoreSession w, MeasureRow row) => w.ExecuteAsync(InsertMeasure, row);

    private const string SelectMeasures = """
        SELECT id AS Id, case_id AS CaseId, kind AS Kind, necessity AS Necessity, start_date AS StartDate,
               recorded_at AS RecordedAt, recorded_by AS RecordedBy
        FROM judicial_measures WHERE case_id = @CaseId ORDER BY start_date, id
        """;

    public async Task<IReadOnlyList<MeasureRow>> MeasuresAsync(StoreSession s, string caseId) =>
        (await s.QueryAsync<MeasureRow>(SelectMeasures, new { CaseId = caseId })).AsList();

    private const string SelectMeasureRefs = "SELECT id FROM judicial_measures WHERE case_id = @CaseId ORDER BY id";

    /// <summary>The references of a case's judicial measures: what a measure implementer's access rests on (ACC-1).</summary>
    public async Task<IReadOnlyList<string>> MeasureRefsAsync(StoreSession s, string caseId) =>
        [.. await s.QueryAsync<string>(SelectMeasureRefs, new { CaseId = caseId })];

    private const string InsertItem = """
        INSERT INTO information_items (id, case_id, category, classification, observed_on, author, attested_at)
        VALUES (@Id, @CaseId, @Category, @Classification, @ObservedOn, @Author, @AttestedAt)
        """;

    public Task InsertItemAsync(StoreSession w, ItemRow row) => w.ExecuteAsync(InsertItem, row);

    private const string CountItems = "SELECT COUNT(*) FROM information_items WHERE case_id = @CaseId";

    public Task<long> CountItemsAsync(StoreSession s, string caseId) => s.ExecuteScalarAsync<long>(CountItems, new { CaseId = caseId });

    private const string SelectActions = """
        SELECT id AS Id, case_id AS CaseId, kind AS Kind, start_date AS StartDate, end_date AS EndDate, result AS Result,
               recorded_at AS RecordedAt, recorded_by AS RecordedBy
        FROM actions WHERE case_id = @CaseId ORDER BY start_date, id
        """;

    public async Task<IReadOnlyList<ActionRow>> ActionsAsync(StoreSession s, string caseId) =>
        (await s.QueryAsync<ActionRow>(SelectActions, new { CaseId = caseId })).AsList();

    private const string SelectItems = """
        SELECT id AS Id, case_id AS CaseId, category AS Category, classification AS Classification, observed_on AS ObservedOn,
               author AS Author, attested_at AS AttestedAt
        FROM information_items WHERE case_id = @CaseId ORDER BY observed_on, id
        """;

    public async Task<IReadOnlyList<ItemRow>> ItemsAsync(StoreSession s, string caseId) =>
        (await s.QueryAsync<ItemRow>(SelectItems, new { CaseId = caseId })).AsList();

    private const string NamedReferentOf = "SELECT case_id FROM follow_ups WHERE path_referent_id = @Participant AND case_id IN @CaseIds";

    /// <summary>Among the cases given, those whose follow-up names the participant path referent.</summary>
    public async Task<IReadOnlySet<string>> NamedReferentOfAsync(StoreSession s, string participant, IReadOnlyList<string> caseIds) =>
        participant.Length == 0 || caseIds.Count == 0
            ? new HashSet<string>(StringComparer.Ordinal)
            : (await s.QueryAsync<string>(NamedReferentOf, new { Participant = participant, CaseIds = caseIds.ToArray() })).ToHashSet(StringComparer.Ordinal);
}
