using Clspd.Registry.V1;
using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Registry.Store;

/// <summary>
/// Designations by mayor's order and the confidentiality breaches that end them. Revocations and
/// expiries are history, never deletions (REG-5): a designation is only ever inserted, then at
/// most once marked revoked.
/// </summary>
public sealed class DesignationStore
{
    private const string Insert = """
        INSERT INTO designations (id, participant_id, group_id, council_id, role, order_number, order_date, order_signed_by,
                                  valid_from, valid_to, meeting_id, case_ref, measure_ref, revoked_at, revocation_reason, created_at, created_by,
                                  breach_id, revoked_by)
        VALUES (@Id, @ParticipantId, @GroupId, @CouncilId, @Role, @OrderNumber, @OrderDate, @OrderSignedBy,
                @ValidFrom, @ValidTo, @MeetingId, @CaseRef, @MeasureRef, @RevokedAt, @RevocationReason, @CreatedAt, @CreatedBy,
                @BreachId, @RevokedBy)
        """;

    public Task InsertAsync(StoreSession s, DesignationRow designation) => s.ExecuteAsync(Insert, designation);

    private const string Select = """
        SELECT d.id AS Id, d.participant_id AS ParticipantId, d.group_id AS GroupId, d.council_id AS CouncilId, d.role AS Role,
               d.order_number AS OrderNumber, d.order_date AS OrderDate, d.order_signed_by AS OrderSignedBy,
               d.valid_from AS ValidFrom, d.valid_to AS ValidTo, d.meeting_id AS MeetingId, d.case_ref AS CaseRef, d.measure_ref AS MeasureRef,
               d.revoked_at AS RevokedAt, d.revocation_reason AS RevocationReason, d.created_at AS CreatedAt, d.created_by AS CreatedBy,
               d.breach_id AS BreachId, d.revoked_by AS RevokedBy,
               i.kind AS InstitutionKind, i.id AS InstitutionId, g.kind AS GroupKind, m.meeting_date AS MeetingDate
        FROM designations d
        JOIN participants p ON p.id = d.participant_id
        JOIN institutions i ON i.id = p.institution_id
        JOIN council_groups g ON g.id = d.group_id
        LEFT JOIN meetings m ON m.id = d.meeting_id
        """;

    private const string ValidAt = "d.valid_from <= @At AND d.valid_to > @At AND (d.revoked_at IS NULL OR d.revoked_at > @At)";

    private const string SelectOne = $"{Select} WHERE d.id = @Id";

    public Task<DesignationRow?> FindAsync(StoreSession s, string id) =>
        s.QuerySingleOrDefaultAsync<DesignationRow>(SelectOne, new { Id = id });

    private const string ValidForParticipant = $"{Select} WHERE d.participant_id = @ParticipantId AND {ValidAt} ORDER BY d.valid_from, d.id";

    /// <summary>The participant's designations in force at an instant: within [from, to) and not revoked at or before it.</summary>
    public async Task<IReadOnlyList<DesignationRow>> ValidForParticipantAsync(StoreSession s, string participantId, DateTimeOffset at) =>
        (await s.QueryAsync<DesignationRow>(ValidForParticipant, new { ParticipantId = participantId, At = at })).AsList();

    private const string AllForParticipant = $"{Select} WHERE d.participant_id = @ParticipantId ORDER BY d.valid_from, d.id";

    /// <summary>Every designation of the participant ever recorded (revoked and expired ones included).</summary>
    public async Task<IReadOnlyList<DesignationRow>> HistoryForParticipantAsync(StoreSession s, string participantId) =>
        (await s.QueryAsync<DesignationRow>(AllForParticipant, new { ParticipantId = participantId })).AsList();

    private const string Overlapping = """
        SELECT COUNT(*) FROM designations d
        WHERE d.participant_id = @ParticipantId AND d.group_id = @GroupId AND d.role = @Role
          AND d.meeting_id = @MeetingId AND d.case_ref = @CaseRef AND d.measure_ref = @MeasureRef
          AND d.revoked_at IS NULL AND d.valid_from < @ValidTo AND d.valid_to > @ValidFrom
        """;

    /// <summary>Whether a designation with the same participant, group, role and binding, not revoked, overlaps the period.</summary>
    public async Task<bool> OverlapsAsync(StoreSession s, DesignationRow candidate) =>
        await s.ExecuteScalarAsync<long>(Overlapping, candidate) > 0;

    private const string Revoke = """
        UPDATE designations SET revoked_at = @At, revocation_reason = @Reason, revoked_by = @By, breach_id = @BreachId
        WHERE id = @Id AND revoked_at IS NULL
        """;

    /// <summary>Ends a designation at an instant; false when it was already revoked.</summary>
    public async Task<bool> RevokeAsync(StoreSession s, string id, string reason, string by, string? breachId = null) =>
        await s.ExecuteAsync(Revoke, new { Id = id, At = s.Now, Reason = reason, By = by, BreachId = breachId }) == 1;

    private const string OpenOfParticipant = "SELECT id FROM designations WHERE participant_id = @Id AND revoked_at IS NULL AND valid_to > @At ORDER BY id";
    private const string OpenOfGroup = "SELECT id FROM designations WHERE group_id = @Id AND revoked_at IS NULL AND valid_to > @At ORDER BY id";

    /// <summary>Ids of the participant's designations neither revoked nor expired at an instant (upcoming ones included).</summary>
    public async Task<IReadOnlyList<string>> OpenOfParticipantAsync(StoreSession s, string participantId, DateTimeOffset at) =>
        (await s.QueryAsync<string>(OpenOfParticipant, new { Id = participantId, At = at })).AsList();

    /// <summary>Ids of the group's designations neither revoked nor expired at an instant (upcoming ones included).</summary>
    public async Task<IReadOnlyList<string>> OpenOfGroupAsync(StoreSession s, string groupId, DateTimeOffset at) =>
        (await s.QueryAsync<string>(OpenOfGroup, new { Id = groupId, At = at })).AsList();

    private const string GroupParticipantColumns = """
        SELECT d.id AS DesignationId, d.role AS Role, d.valid_from AS ValidFrom, d.valid_to AS ValidTo, d.revoked_at AS RevokedAt,
               p.id AS ParticipantId, p.full_name AS FullName, p.job_function AS JobFunction,
               i.id AS InstitutionId, i.name AS InstitutionName, i.kind AS InstitutionKind
        FROM designations d
        JOIN participants p ON p.id = d.participant_id
        JOIN institutions i ON i.id = p.institution_id
        """;

    private const string GroupParticipants = $"{GroupParticipantColumns} WHERE d.group_id = @GroupId AND {ValidAt} ORDER BY p.full_name, d.id";

    /// <summary>REG-7: who is designated in a group at an instant.</summary>
    public async Task<IReadOnlyList<GroupParticipantRow>> GroupParticipantsAsync(StoreSession s, string groupId, DateTimeOffset at) =>
        (await s.QueryAsync<GroupParticipantRow>(GroupParticipants, new { GroupId = groupId, At = at })).AsList();

    private const string Attendees = $"""
        {GroupParticipantColumns}
        WHERE d.group_id = @GroupId AND d.valid_from < @DayEnd AND d.valid_to > @DayStart
          AND (d.revoked_at IS NULL OR d.revoked_at > @DayStart)
          AND (d.role <> @Occasional OR d.meeting_id = @MeetingId)
        ORDER BY p.full_name, d.id
        """;

    /// <summary>
    /// Who attends a meeting: the group's designations in force at some instant of the meeting day
    /// (not revoked before it starts), occasional attendees only for this meeting.
    /// </summary>
    public async Task<IReadOnlyList<GroupParticipantRow>> AttendeesAsync(StoreSession s, MeetingRow meeting)
    {
        var (start, end) = Domain.RegistryRules.DayBounds(meeting.MeetingDate);
        return (await s.QueryAsync<GroupParticipantRow>(Attendees,
            new { meeting.GroupId, DayStart = start, DayEnd = end, Occasional = (int)Role.OccasionalAttendee, MeetingId = meeting.Id })).AsList();
    }

    private const string InGroup = $"""
        SELECT COUNT(*)
        FROM designations d JOIN participant_subjects s ON s.participant_id = d.participant_id
        WHERE s.subject = @Subject AND d.group_id = @GroupId AND {ValidAt}
        """;

    /// <summary>REG-7: whether a token subject holds a designation in force in a group at an instant.</summary>
    public async Task<bool> IsDesignatedInGroupAsync(StoreSession s, string subject, string groupId, DateTimeOffset at) =>
        await s.ExecuteScalarAsync<long>(InGroup, new { Subject = subject, GroupId = groupId, At = at }) > 0;

    private const string CoordinatorOfCouncil = $"""
        SELECT COUNT(*)
        FROM designations d JOIN participant_subjects s ON s.participant_id = d.participant_id
        WHERE s.subject = @Subject AND d.council_id = @CouncilId AND d.role = @Role AND {ValidAt}
        """;

    /// <summary>Whether a token subject is designated coordinator of a council at an instant.</summary>
    public async Task<bool> IsCoordinatorAsync(StoreSession s, string subject, string councilId, DateTimeOffset at) =>
        await s.ExecuteScalarAsync<long>(CoordinatorOfCouncil,
            new { Subject = subject, CouncilId = councilId, Role = (int)Role.Coordinator, At = at }) > 0;

    private const string CoordinatedCouncils = $"""
        SELECT DISTINCT d.council_id
        FROM designations d JOIN participant_subjects s ON s.participant_id = d.participant_id
        WHERE s.subject = @Subject AND d.role = @Role AND {ValidAt}
        """;

    /// <summary>The councils a token subject coordinates at an instant.</summary>
    public async Task<IReadOnlyList<string>> CoordinatedCouncilsAsync(StoreSession s, string subject, DateTimeOffset at) =>
        (await s.QueryAsync<string>(CoordinatedCouncils,
            new { Subject = subject, Role = (int)Role.Coordinator, At = at })).AsList();

    private const string InsertBreach = """
        INSERT INTO confidentiality_breaches (id, participant_id, council_id, reason, recorded_at, recorded_by)
        VALUES (@Id, @ParticipantId, @CouncilId, @Reason, @RecordedAt, @RecordedBy)
        """;

    public Task InsertBreachAsync(StoreSession s, BreachRow breach) => s.ExecuteAsync(InsertBreach, breach);

    private const string LastBreach = "SELECT MAX(recorded_at) FROM confidentiality_breaches WHERE participant_id = @ParticipantId";

    /// <summary>REG-5: when the last confidentiality breach of a participant was recorded, if any.</summary>
    public Task<DateTimeOffset?> LastBreachAtAsync(StoreSession s, string participantId) =>
        s.ExecuteScalarAsync<DateTimeOffset?>(LastBreach, new { ParticipantId = participantId });
}
