using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Registry.Store;

/// <summary>Institutions, participants and the token subjects they log in with.</summary>
public sealed class ParticipantStore
{
    private const string InsertInstitution = """
        INSERT INTO institutions (id, name, kind, siret, created_at) VALUES (@Id, @Name, @Kind, @Siret, @CreatedAt)
        """;

    public Task InsertInstitutionAsync(StoreSession s, InstitutionRow institution) => s.ExecuteAsync(InsertInstitution, institution);

    private const string SelectInstitution = """
        SELECT id AS Id, name AS Name, kind AS Kind, siret AS Siret, created_at AS CreatedAt FROM institutions WHERE id = @Id
        """;

    public Task<InstitutionRow?> FindInstitutionAsync(StoreSession s, string id) =>
        s.QuerySingleOrDefaultAsync<InstitutionRow>(SelectInstitution, new { Id = id });

    private const string InstitutionNameTaken = "SELECT COUNT(*) FROM institutions WHERE name = @Name";

    public async Task<bool> InstitutionNameTakenAsync(StoreSession s, string name) =>
        await s.ExecuteScalarAsync<long>(InstitutionNameTaken, new { Name = name }) > 0;

    private const string InsertParticipant = """
        INSERT INTO participants (id, full_name, job_function, institution_id, email, created_at)
        VALUES (@Id, @FullName, @JobFunction, @InstitutionId, @Email, @CreatedAt)
        """;

    private const string InsertSubject = "INSERT INTO participant_subjects (subject, participant_id) VALUES (@Subject, @ParticipantId)";

    public async Task InsertParticipantAsync(StoreSession s, ParticipantRow participant)
    {
        await s.ExecuteAsync(InsertParticipant, participant);
        foreach (var subject in participant.Subjects)
        {
            await s.ExecuteAsync(InsertSubject, new { Subject = subject, ParticipantId = participant.Id });
        }
    }

    private const string SubjectsTaken = "SELECT subject FROM participant_subjects WHERE subject IN @Subjects";

    public async Task<IReadOnlyList<string>> SubjectsTakenAsync(StoreSession s, IReadOnlyCollection<string> subjects) =>
        (await s.QueryAsync<string>(SubjectsTaken, new { Subjects = subjects })).AsList();

    private const string SelectBySubject = """
        SELECT p.id AS Id, p.full_name AS FullName, p.job_function AS JobFunction, p.institution_id AS InstitutionId,
               p.email AS Email, p.created_at AS CreatedAt
        FROM participant_subjects s JOIN participants p ON p.id = s.participant_id
        WHERE s.subject = @Subject
        """;

    private const string SelectSubjects = "SELECT subject FROM participant_subjects WHERE participant_id = @Id ORDER BY subject";

    public async Task<ParticipantRow?> FindBySubjectAsync(StoreSession s, string subject)
    {
        var participant = await s.QuerySingleOrDefaultAsync<ParticipantRow>(SelectBySubject, new { Subject = subject });
        if (participant is not null)
        {
            participant.Subjects = (await s.QueryAsync<string>(SelectSubjects, new { participant.Id })).AsList();
        }

        return participant;
    }

    private const string SelectParticipant = """
        SELECT id AS Id, full_name AS FullName, job_function AS JobFunction, institution_id AS InstitutionId, email AS Email, created_at AS CreatedAt
        FROM participants WHERE id = @Id
        """;

    /// <summary>A participant with their token subjects.</summary>
    public async Task<ParticipantRow?> FindParticipantAsync(StoreSession s, string id)
    {
        var participant = await s.QuerySingleOrDefaultAsync<ParticipantRow>(SelectParticipant, new { Id = id });
        if (participant is not null)
        {
            participant.Subjects = (await s.QueryAsync<string>(SelectSubjects, new { participant.Id })).AsList();
        }

        return participant;
    }
}
