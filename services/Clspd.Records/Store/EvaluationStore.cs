using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Records.Store;

/// <summary>REC-11: the council's own evaluation figures and its stored charter-application reports.</summary>
public sealed class EvaluationStore
{
    private const string CaseRows = """
        SELECT c.id AS Id, c.body_kind AS BodyKind, c.start_date AS StartDate, c.end_date AS EndDate, p.turns_25_on AS Turns25On
        FROM cases c JOIN persons p ON p.subject_ref = c.subject_ref
        WHERE c.council_id = @CouncilId AND c.start_date < @To AND (c.end_date IS NULL OR c.end_date >= @From)
        """;

    private const string CaseReasons = """
        SELECT r.case_id AS CaseId, r.reasons AS Reasons FROM referrals r JOIN cases c ON c.id = r.case_id
        WHERE c.council_id = @CouncilId AND c.start_date < @To AND (c.end_date IS NULL OR c.end_date >= @From)
        """;

    /// <summary>The council's cases followed at some day of [from, to) and the reason lists of their referrals.</summary>
    public async Task<(IReadOnlyList<StatisticRow> Cases, IReadOnlyList<string> Reasons)> CasesAsync(
        StoreSession s, string councilId, DateOnly from, DateOnly to)
    {
        var parameters = new { CouncilId = councilId, From = from, To = to };
        var rows = (await s.QueryAsync<StatisticRow>(CaseRows, parameters)).AsList();
        var reasons = (await s.QueryAsync<CaseReasonRow>(CaseReasons, parameters)).Select(r => r.Reasons).ToList();
        return (rows, reasons);
    }

    private const string Destroyed = """
        SELECT COALESCE(SUM(count), 0) FROM deletion_log
        WHERE council_id = @CouncilId AND kind = @Kind AND destroyed_at >= @From AND destroyed_at < @To
        """;

    /// <summary>Cases (or persons) destroyed in [from, to), from the deletion log (REC-7).</summary>
    public async Task<int> DestroyedAsync(StoreSession s, string councilId, string kind, DateTimeOffset from, DateTimeOffset to) =>
        (int)await s.ExecuteScalarAsync<long>(Destroyed, new { CouncilId = councilId, Kind = kind, From = from, To = to });

    private const string InsertReport = """
        INSERT INTO charter_reports (id, council_id, year, produced_at, produced_by, report)
        VALUES (@Id, @CouncilId, @Year, @ProducedAt, @ProducedBy, @Report)
        """;

    public Task AddReportAsync(StoreSession w, CharterReportRow row) => w.ExecuteAsync(InsertReport, row);

    private const string Columns = "id AS Id, council_id AS CouncilId, year AS Year, produced_at AS ProducedAt, produced_by AS ProducedBy";

    private const string ReportsOfCouncil = $"SELECT {Columns}, report AS Report FROM charter_reports WHERE council_id = @CouncilId ORDER BY produced_at DESC, id DESC";

    /// <summary>A council's reports, newest first.</summary>
    public async Task<IReadOnlyList<CharterReportRow>> ReportsAsync(StoreSession s, string councilId) =>
        (await s.QueryAsync<CharterReportRow>(ReportsOfCouncil, new { CouncilId = councilId })).AsList();

    private const string OneReport = $"SELECT {Columns}, report AS Report FROM charter_reports WHERE id = @Id";

    public Task<CharterReportRow?> ReportAsync(StoreSession s, string id) => s.QuerySingleOrDefaultAsync<CharterReportRow>(OneReport, new { Id = id });

    private const string Councils = """
        SELECT council_id FROM persons UNION SELECT council_id FROM charter_reports UNION SELECT council_id FROM deletion_log
        """;

    /// <summary>Every council records holds or held data of, or has a report of (the 12-month alert watches them).</summary>
    public async Task<IReadOnlyList<string>> CouncilsAsync(StoreSession s) => (await s.QueryAsync<string>(Councils)).AsList();
}
