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

    // Joined, not stored in the designations table.
    public int InstitutionKind { get; init; }
    public int GroupKind { get; init; }
}
