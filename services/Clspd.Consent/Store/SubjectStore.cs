using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Consent.Store;

/// <summary>Subjects: opaque reference, end of minority, legal representatives' references, groups.</summary>
public sealed class SubjectStore
{
    private const string Find = """
        SELECT subject_ref AS SubjectRef, minor_until AS MinorUntil, updated_by AS UpdatedBy, updated_at AS UpdatedAt, revision AS Revision,
               council_id AS CouncilId
        FROM subjects WHERE subject_ref = @SubjectRef
        """;

    private const string Representatives = "SELECT party_ref FROM subject_representatives WHERE subject_ref = @SubjectRef ORDER BY party_ref";
    private const string Groups = "SELECT group_id FROM subject_groups WHERE subject_ref = @SubjectRef ORDER BY group_id";

    public async Task<SubjectRow?> FindAsync(StoreSession s, string subjectRef)
    {
        var parameters = new { SubjectRef = subjectRef };
        var row = await s.QuerySingleOrDefaultAsync<SubjectRow>(Find, parameters);
        if (row is null)
        {
            return null;
        }

        row.LegalRepresentatives = (await s.QueryAsync<string>(Representatives, parameters)).AsList();
        row.Groups = (await s.QueryAsync<string>(Groups, parameters)).AsList();
        return row;
    }

    private const string Lock = "UPDATE subjects SET revision = revision WHERE subject_ref = @SubjectRef";

    /// <summary>
    /// Locks a subject's row until the transaction ends, so that the decisions of one subject are
    /// checked and appended one after the other on every provider; false when the subject is unknown.
    /// </summary>
    public async Task<bool> LockAsync(StoreSession s, string subjectRef) => await s.ExecuteAsync(Lock, new { SubjectRef = subjectRef }) == 1;

    private const string Update = """
        UPDATE subjects SET minor_until = @MinorUntil, updated_by = @UpdatedBy, updated_at = @UpdatedAt, revision = @Revision,
            council_id = CASE WHEN @CouncilId = '' THEN council_id ELSE @CouncilId END
        WHERE subject_ref = @SubjectRef
        """;

    private const string Insert = """
        INSERT INTO subjects (subject_ref, minor_until, updated_by, updated_at, revision, council_id)
        VALUES (@SubjectRef, @MinorUntil, @UpdatedBy, @UpdatedAt, @Revision, @CouncilId)
        """;

    private const string ClearRepresentatives = "DELETE FROM subject_representatives WHERE subject_ref = @SubjectRef";
    private const string ClearGroups = "DELETE FROM subject_groups WHERE subject_ref = @SubjectRef";
    private const string InsertRepresentative = "INSERT INTO subject_representatives (subject_ref, party_ref) VALUES (@SubjectRef, @Value)";
    private const string InsertGroup = "INSERT INTO subject_groups (subject_ref, group_id) VALUES (@SubjectRef, @Value)";

    /// <summary>Creates or replaces the registration of a subject (its current facts; the change feed keeps every version).</summary>
    public async Task PutAsync(StoreSession s, SubjectRow row)
    {
        if (await s.ExecuteAsync(Update, row) == 0)
        {
            await s.ExecuteAsync(Insert, row);
        }

        await s.ExecuteAsync(ClearRepresentatives, new { row.SubjectRef });
        await s.ExecuteAsync(ClearGroups, new { row.SubjectRef });
        foreach (var party in row.LegalRepresentatives)
        {
            await s.ExecuteAsync(InsertRepresentative, new { row.SubjectRef, Value = party });
        }

        foreach (var group in row.Groups)
        {
            await s.ExecuteAsync(InsertGroup, new { row.SubjectRef, Value = group });
        }
    }

    private const string CouncilOf = "SELECT COALESCE(council_id, '') FROM subjects WHERE subject_ref = @SubjectRef";

    /// <summary>The council a subject is registered with ("" for none), or null when the subject is unknown.</summary>
    public Task<string?> CouncilOfAsync(StoreSession s, string subjectRef) => s.QuerySingleOrDefaultAsync<string>(CouncilOf, new { SubjectRef = subjectRef });

    private const string OfCouncil = "SELECT COUNT(*) FROM subjects WHERE council_id = @CouncilId";

    /// <summary>REC-11: how many subjects are registered with a council.</summary>
    public async Task<int> CountOfCouncilAsync(StoreSession s, string councilId) =>
        (int)await s.ExecuteScalarAsync<long>(OfCouncil, new { CouncilId = councilId });
}
