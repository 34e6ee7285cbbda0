using System.Data.Common;
using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Registry.Store;

/// <summary>Institutions, participants and the token subjects they log in with.</summary>
public sealed class ParticipantStore
{
    private const string InsertInstitution = """
        INSERT INTO institutions (id, name, kind, siret, created_at) VALUES (@Id, @Name, @Kind, @Siret, @CreatedAt)
        """;

    public Task InsertInstitutionAsync(StoreSession w, InstitutionRow institution) => w.ExecuteAsync(InsertInstitution, institution);

    private const string SelectInstitution = """
        SELECT id AS Id, name AS Name, kind AS Kind, siret AS Siret, created_at AS CreatedAt FROM institutions WHERE id = @Id
        """;

    public Task<InstitutionRow?> FindInstitutionAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<InstitutionRow>(new CommandDefinition(SelectInstitution, new { Id = id }, transaction, cancellationToken: ct));

    private const string InstitutionNameTaken = "SELECT COUNT(*) FROM institutions WHERE name = @Name";

    public async Task<bool> InstitutionNameTakenAsync(StoreSession w, string name) =>
        await w.Connection.ExecuteScalarAsync<long>(w.Command(InstitutionNameTaken, new { Name = name })) > 0;

    private const string InsertParticipant = """
        INSERT INTO participants (id, full_name, job_function, institution_id, email, created_at)
        VALUES (@Id, @FullName, @JobFunction, @InstitutionId, @Email, @CreatedAt)
        """;

    private const string InsertSubject = "INSERT INTO participant_subjects (subject, participant_id) VALUES (@Subject, @ParticipantId)";

    public async Task InsertParticipantAsync(StoreSession w, ParticipantRow participant)
    {
        await w.ExecuteAsync(InsertParticipant, participant);
        foreach (var subject in participant.Subjects)
        {
            await w.ExecuteAsync(InsertSubject, new { Subject = subject, ParticipantId = participant.Id });
        }
    }

    private const string SubjectsTaken = "SELECT subject FROM participant_subjects WHERE subject IN @Subjects";

    public async Task<IReadOnlyList<string>> SubjectsTakenAsync(StoreSession w, IReadOnlyCollection<string> subjects) =>
        (await w.QueryAsync<string>(SubjectsTaken, new { Subjects = subjects })).AsList();

    private const string SelectBySubject = """
        SELECT p.id AS Id, p.full_name AS FullName, p.job_function AS JobFunction, p.institution_id AS InstitutionId,
               p.email AS Email, p.created_at AS CreatedAt
        FROM participant_subjects s JOIN participants p ON p.id = s.participant_id
        WHERE s.subject = @Subject
        """;

    private const string SelectSubjects = "SELECT subject FROM participant_subjects WHERE participant_id = @Id ORDER BY subject";

    public Task<ParticipantRow?> FindBySubjectAsync(DbConnection connection, string subject, CancellationToken ct) =>
        FindBySubjectAsync(connection, null, subject, ct);

    public async Task<ParticipantRow?> FindBySubjectAsync(DbConnection connection, DbTransaction? transaction, string subject, CancellationToken ct)
    {
        var participant = await connection.QuerySingleOrDefaultAsync<ParticipantRow>(new CommandDefinition(SelectBySubject, new { Subject = subject }, transaction, cancellationToken: ct));
        if (participant is not null)
        {
            participant.Subjects = (await connection.QueryAsync<string>(new CommandDefinition(SelectSubjects, new { participant.Id }, transaction, cancellationToken: ct))).AsList();
        }

        return participant;
    }

    private const string SelectParticipant = """
        SELECT id AS Id, full_name AS FullName, job_function AS JobFunction, institution_id AS InstitutionId, email AS Email, created_at AS CreatedAt
        FROM participants WHERE id = @Id
        """;

    /// <summary>A participant with their token subjects.</summary>
    public async Task<ParticipantRow?> FindParticipantAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken ct)
    {
        var participant = await connection.QuerySingleOrDefaultAsync<ParticipantRow>(new CommandDefinition(SelectParticipant, new { Id = id }, transaction, cancellationToken: ct));
        if (participant is not null)
        {
            participant.Subjects = (await connection.QueryAsync<string>(new CommandDefinition(SelectSubjects, new { participant.Id }, transaction, cancellationToken: ct))).AsList();
        }

        return participant;
    }
}
