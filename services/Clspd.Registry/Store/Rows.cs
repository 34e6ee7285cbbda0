namespace Clspd.Registry.Store;

// Rows as stored; one class per table, settable so Dapper maps both providers' column types.
#pragma warning disable CA1812

public sealed class CouncilRow
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public int Kind { get; init; }
    public string ControllerName { get; init; } = "";
    public string CoordinatorName { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public List<string> Communes { get; set; } = [];
}

public sealed class GroupRow
{
    public string Id { get; init; } = "";
    public string CouncilId { get; init; } = "";
    public string Name { get; init; } = "";
    public int Kind { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }
    public string? CloseReason { get; init; }
}

public sealed class InstitutionRow
{
    public string Id { get; init; } = "";
    public string Name { get; init; } = "";
    public int Kind { get; init; }
    public string Siret { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}

public sealed class ParticipantRow
{
    public string Id { get; init; } = "";
    public string FullName { get; init; } = "";
    public string JobFunction { get; init; } = "";
    public string InstitutionId { get; init; } = "";
    public string Email { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public List<string> Subjects { get; set; } = [];
}

public sealed class DesignationRow
{
    public string Id { get; init; } = "";
    public string ParticipantId { get; init; } = "";
    public string GroupId { get; init; } = "";
    public string CouncilId { get; init; } = "";
    public int Role { get; init; }
    public string OrderNumber { get; init; } = "";
    public DateOnly OrderDate { get; init; }
    public string OrderSignedBy { get; init; } = "";
    public DateTimeOffset ValidFrom { get; init; }
    public DateTimeOffset ValidTo { get; init; }
    public string MeetingId { get; init; } = "";
    public string CaseRef { get; init; } = "";
    public string MeasureRef { get; init; } = "";
    public DateTimeOffset? RevokedAt { get; init; }
    public string? RevocationReason { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public string? BreachId { get; init; }
    public string? RevokedBy { get; init; }

    // Joined, not stored in the designations table.
    public int InstitutionKind { get; init; }
    public string InstitutionId { get; init; } = "";
    public int GroupKind { get; init; }
    public DateOnly? MeetingDate { get; init; }
}

public sealed class OfficerChangeRow
{
    public string Id { get; init; } = "";
    public string CouncilId { get; init; } = "";
    public int Office { get; init; }
    public string PreviousName { get; init; } = "";
    public string NewName { get; init; } = "";
    public string Reason { get; init; } = "";
    public DateTimeOffset ChangedAt { get; init; }
    public string ChangedBy { get; init; } = "";
    public long Revision { get; set; }
}

public sealed class MeetingRow
{
    public string Id { get; init; } = "";
    public string GroupId { get; init; } = "";
    public string CouncilId { get; init; } = "";
    public DateOnly MeetingDate { get; init; }
    public string PlaceLabel { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
}

public sealed class CharterVersionRow
{
    public string CouncilId { get; init; } = "";
    public string Version { get; init; } = "";
    public DateOnly CharterDate { get; init; }
    public string TextSha256 { get; init; } = "";
    public DateTimeOffset PublishedAt { get; init; }
    public string PublishedBy { get; init; } = "";
    public long Revision { get; set; }
}

public sealed class CharterSignatureRow
{
    public string Id { get; init; } = "";
    public string CouncilId { get; init; } = "";
    public string Version { get; init; } = "";
    public string InstitutionId { get; init; } = "";
    public DateOnly SignedOn { get; init; }
    public string SignatoryName { get; init; } = "";
    public string SignatoryFunction { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
    public string RecordedBy { get; init; } = "";
}

public sealed class CharterAcceptanceRow
{
    public string Id { get; init; } = "";
    public string CouncilId { get; init; } = "";
    public string Version { get; init; } = "";
    public string ParticipantId { get; init; } = "";
    public bool AccessTracedAcknowledged { get; init; }
    public DateTimeOffset AcceptedAt { get; init; }
    public string Subject { get; init; } = "";
}

public sealed class BreachRow
{
    public string Id { get; init; } = "";
    public string ParticipantId { get; init; } = "";
    public string CouncilId { get; init; } = "";
    public string Reason { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
    public string RecordedBy { get; init; } = "";
}

/// <summary>A designation joined with its participant and institution, as shown to a group (REG-7).</summary>
public sealed class GroupParticipantRow
{
    public string DesignationId { get; init; } = "";
    public int Role { get; init; }
    public DateTimeOffset ValidFrom { get; init; }
    public DateTimeOffset ValidTo { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public string ParticipantId { get; init; } = "";
    public string FullName { get; init; } = "";
    public string JobFunction { get; init; } = "";
    public string InstitutionId { get; init; } = "";
    public string InstitutionName { get; init; } = "";
    public int InstitutionKind { get; init; }
}

/// <summary>The charter facts of one participant in one council at an instant (REG-3).</summary>
public sealed record CharterState(CharterVersionRow? Current, CharterSignatureRow? Signature, CharterAcceptanceRow? Acceptance)
{
    public bool Sufficient => Current is not null && Signature is not null && Acceptance is not null;
}

public sealed class CompositionRow
{
    public string GroupId { get; init; } = "";
    public string GroupName { get; init; } = "";
    public long GroupKind { get; init; }
    public long InstitutionKind { get; init; }
    public long Participants { get; init; }
}

public sealed class CharterFiguresRow
{
    public long CharterVersionsPublished { get; init; }
    public long InstitutionsSigned { get; init; }
    public long ParticipantsAccepted { get; init; }
    public long DesignationsMade { get; init; }
    public long DesignationsRevoked { get; init; }
    public long ConfidentialityBreaches { get; init; }
}
