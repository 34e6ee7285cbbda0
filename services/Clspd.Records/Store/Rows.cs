namespace Clspd.Records.Store;

#pragma warning disable CA1812

public sealed class PersonRow
{
    public string SubjectRef { get; init; } = "";
    public string CouncilId { get; init; } = "";
    public DateOnly Turns25On { get; init; }
    public byte[] IdentityCipher { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
}

public sealed class PersonKeyRow
{
    public string SubjectRef { get; init; } = "";
    public string MasterKeyId { get; init; } = "";
    public byte[] WrappedKey { get; init; } = [];
}

public sealed class CaseRow
{
    public const string Active = "ACTIVE";
    public const string Archived = "ARCHIVED";

    public string Id { get; init; } = "";
    public string CaseCode { get; init; } = "";
    public string SubjectRef { get; init; } = "";
    public string CouncilId { get; init; } = "";
    public string GroupId { get; init; } = "";
    public DateOnly StartDate { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public string Status { get; init; } = Active;
    public DateOnly? EndDate { get; init; }
    public DateOnly? DestroyOn { get; init; }
    public byte[]? ElementsCipher { get; init; }
    public string? ElementsAuthor { get; init; }
    public DateTimeOffset? ElementsAt { get; init; }
    /// <summary>Access <c>BodyKind</c> (REC-8); 0 for cases opened before it was stored.</summary>
    public long BodyKind { get; init; }
}

public sealed class ReferralRow
{
    public string Id { get; init; } = "";
    public string CaseId { get; init; } = "";
    public long Origin { get; init; }
    public string Reasons { get; init; } = "";
    public DateOnly ReferredOn { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public string RecordedBy { get; init; } = "";
}

public sealed class FollowUpRow
{
    public string CaseId { get; init; } = "";
    public string ReferralId { get; init; } = "";
    public long Programme { get; init; }
    public string PathReferentId { get; init; } = "";
    public DateOnly StartDate { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public string StartedBy { get; init; } = "";
}

public sealed class ActionRow
{
    public string Id { get; init; } = "";
    public string CaseId { get; init; } = "";
    public long Kind { get; init; }
    public DateOnly StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public long Result { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public string RecordedBy { get; init; } = "";
}

public sealed class MeasureRow
{
    public string Id { get; init; } = "";
    public string CaseId { get; init; } = "";
    public long Kind { get; init; }
    public long Necessity { get; init; }
    public DateOnly StartDate { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public string RecordedBy { get; init; } = "";
}

public sealed class ItemRow
{
    public string Id { get; init; } = "";
    public string CaseId { get; init; } = "";
    public long Category { get; init; }
    public long Classification { get; init; }
    public DateOnly ObservedOn { get; init; }
    public string Author { get; init; } = "";
    public DateTimeOffset AttestedAt { get; init; }
}

public sealed class DeletionLogRow
{
    public string Id { get; init; } = "";
    public DateTimeOffset DestroyedAt { get; init; }
    public string CouncilId { get; init; } = "";
    public string Kind { get; init; } = "";
    public string Reason { get; init; } = "";
    public long Count { get; init; }
}

/// <summary>A row due for destruction: its id, council and the reason code (no personal data).</summary>
public sealed class DueRow
{
    public string Id { get; init; } = "";
    public string SubjectRef { get; init; } = "";
    public string CouncilId { get; init; } = "";
    public string Reason { get; init; } = "";
}

public sealed class MoveRow
{
    public string FromGroup { get; init; } = "";
    public string ToGroup { get; init; } = "";
    public long Reason { get; init; }
    public DateTimeOffset MovedAt { get; init; }
}

/// <summary>A rectification of identity fields: who, when, which field names — never values (REC-10).</summary>
public sealed class RectificationRow
{
    public string Fields { get; init; } = "";
    public DateTimeOffset RectifiedAt { get; init; }
    public string RectifiedBy { get; init; } = "";
}

/// <summary>What statistics read of a case: no identity, no free text.</summary>
public sealed class StatisticRow
{
    public string Id { get; init; } = "";
    public long BodyKind { get; init; }
    public DateOnly StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public DateOnly Turns25On { get; init; }
}

public sealed class CaseReasonRow
{
    public string CaseId { get; init; } = "";
    public string Reasons { get; init; } = "";
}

public sealed class CharterReportRow
{
    public string Id { get; init; } = "";
    public string CouncilId { get; init; } = "";
    public long Year { get; init; }
    public DateTimeOffset ProducedAt { get; init; }
    public string ProducedBy { get; init; } = "";
    public byte[] Report { get; init; } = [];
}

public sealed class MasterKeyCountRow
{
    public string MasterKeyId { get; init; } = "";
    public long Count { get; init; }
}
