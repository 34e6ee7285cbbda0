using System.Data.Common;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Registry.Store;

/// <summary>Designations by mayor's order. Revocations and expiries are history, never deletions (REG-5).</summary>
public sealed class DesignationStore
{
    private const string Insert = """
        INSERT INTO designations (id, participant_id, group_id, council_id, role, order_number, order_date, order_signed_by,
                                  valid_from, valid_to, meeting_id, case_ref, measure_ref, revoked_at, revocation_reason, created_at, created_by)
        VALUES (@Id, @ParticipantId, @GroupId, @CouncilId, @Role, @OrderNumber, @OrderDate, @OrderSignedBy,
                @ValidFrom, @ValidTo, @MeetingId, @CaseRef, @MeasureRef, @RevokedAt, @RevocationReason, @CreatedAt, @CreatedBy)
        """;

    public Task InsertAsync(WriteContext w, DesignationRow designation) => w.ExecuteAsync(Insert, designation);

    private const string Columns = """
        d.id AS Id, d.participant_id AS ParticipantId, d.group_id AS GroupId, d.council_id AS CouncilId, d.role AS Role,
        d.order_number AS OrderNumber, d.order_date AS OrderDate, d.order_signed_by AS OrderSignedBy,
        d.valid_from AS ValidFrom, d.valid_to AS ValidTo, d.meeting_id AS MeetingId, d.case_ref AS CaseRef, d.measure_ref AS MeasureRef,
        d.revoked_at AS RevokedAt, d.revocation_reason AS RevocationReason, d.created_at AS CreatedAt, d.created_by AS CreatedBy,
        i.kind AS InstitutionKind, g.kind AS GroupKind
        """;

    private const string ValidForParticipant = $"""
        SELECT {Columns}
        FROM designations d
        JOIN participants p ON p.id = d.participant_id
        JOIN institutions i ON i.id = p.institution_id
        JOIN council_groups g ON g.id = d.group_id
        WHERE d.participant_id = @ParticipantId AND d.valid_from <= @At AND d.valid_to > @At
          AND (d.revoked_at IS NULL OR d.revoked_at > @At)
        ORDER BY d.valid_from, d.id
        """;

    /// <summary>The participant's designations in force at an instant.</summary>
    public async Task<IReadOnlyList<DesignationRow>> ValidForParticipantAsync(DbConnection connection, string participantId, DateTimeOffset at, CancellationToken ct) =>
        (await connection.QueryAsync<DesignationRow>(new CommandDefinition(ValidForParticipant, new { ParticipantId = participantId, At = at }, cancellationToken: ct))).AsList();

    private const string CoordinatorOfCouncil = """
        SELECT COUNT(*)
        FROM designations d JOIN participant_subjects s ON s.participant_id = d.participant_id
        WHERE s.subject = @Subject AND d.council_id = @CouncilId AND d.role = @Role
          AND d.valid_from <= @At AND d.valid_to > @At AND (d.revoked_at IS NULL OR d.revoked_at > @At)
        """;

    /// <summary>Whether a token subject is designated coordinator of a council at an instant.</summary>
    public async Task<bool> IsCoordinatorAsync(DbConnection connection, DbTransaction? transaction, string subject, string councilId, DateTimeOffset at, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(CoordinatorOfCouncil,
            new { Subject = subject, CouncilId = councilId, Role = (int)Role.Coordinator, At = at }, transaction, cancellationToken: ct)) > 0;

    private const string CoordinatorAnywhere = """
        SELECT COUNT(*)
        FROM designations d JOIN participant_subjects s ON s.participant_id = d.participant_id
        WHERE s.subject = @Subject AND d.role = @Role
          AND d.valid_from <= @At AND d.valid_to > @At AND (d.revoked_at IS NULL OR d.revoked_at > @At)
        """;

    /// <summary>Whether a token subject is designated coordinator of any council at an instant.</summary>
    public async Task<bool> IsAnyCoordinatorAsync(DbConnection connection, DbTransaction? transaction, string subject, DateTimeOffset at, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(CoordinatorAnywhere,
            new { Subject = subject, Role = (int)Role.Coordinator, At = at }, transaction, cancellationToken: ct)) > 0;
}
