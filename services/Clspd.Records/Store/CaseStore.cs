using System.Data.Common;
using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Records.Store;

/// <summary>Cases: one person followed in one body.</summary>
public sealed class CaseStore
{
    private const string Insert = """
        INSERT INTO cases (id, case_code, subject_ref, council_id, group_id, start_date, created_at, created_by)
        VALUES (@Id, @CaseCode, @SubjectRef, @CouncilId, @GroupId, @StartDate, @CreatedAt, @CreatedBy)
        """;

    public Task InsertAsync(WriteContext w, CaseRow row) => w.ExecuteAsync(Insert, row);

    private const string Select = """
        SELECT id AS Id, case_code AS CaseCode, subject_ref AS SubjectRef, council_id AS CouncilId, group_id AS GroupId,
               start_date AS StartDate, created_at AS CreatedAt, created_by AS CreatedBy
        FROM cases WHERE id = @Id
        """;

    public Task<CaseRow?> FindAsync(DbConnection connection, string id, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<CaseRow>(new CommandDefinition(Select, new { Id = id }, cancellationToken: ct));

    private const string GroupsOfSubject = "SELECT DISTINCT group_id FROM cases WHERE subject_ref = @SubjectRef";

    public async Task<IReadOnlyList<string>> GroupsOfSubjectAsync(DbConnection connection, string subjectRef, CancellationToken ct) =>
        (await connection.QueryAsync<string>(new CommandDefinition(GroupsOfSubject, new { SubjectRef = subjectRef }, cancellationToken: ct))).AsList();

    private const string CodeTaken = "SELECT COUNT(*) FROM cases WHERE case_code = @Code";

    public async Task<bool> CodeTakenAsync(WriteContext w, string code) =>
        await w.Connection.ExecuteScalarAsync<long>(w.Command(CodeTaken, new { Code = code })) > 0;
}
