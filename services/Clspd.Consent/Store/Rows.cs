namespace Clspd.Consent.Store;

#pragma warning disable CA1812

/// <summary>The facts of one consent state, read at <paramref name="Revision"/> of the change feed.</summary>
public sealed record StateFacts(long Revision, SubjectRow? Subject, IReadOnlyList<DecisionRow> Decisions, IReadOnlyList<InformingRow> Informings);

public sealed class InformingRow
{
    public string Id { get; init; } = "";
    public string SubjectRef { get; init; } = "";
    public string PartyRef { get; init; } = "";
    public DateTimeOffset InformedAt { get; init; }
    public string InformedBy { get; init; } = "";
    public int Channel { get; init; }
    public string NoticeVersion { get; init; } = "";
    public DateTimeOffset RecordedAt { get; init; }
    public long Revision { get; init; }
}

public sealed class DecisionRow
{
    public string Id { get; init; } = "";
    public string SubjectRef { get; init; } = "";
    public int Purpose { get; init; }
    public string GroupId { get; init; } = "";
    public int Decision { get; init; }
    public string DecidedByRef { get; init; } = "";
    public string Evidence { get; init; } = "";
    public string NoticeVersion { get; init; } = "";
    public DateTimeOffset DecidedAt { get; init; }
    public string RecordedBy { get; init; } = "";
    public string ContentSha256 { get; init; } = "";
    public int DeciderRole { get; init; }
    public long Revision { get; init; }
}

public sealed class SubjectRow
{
    public string SubjectRef { get; init; } = "";
    public DateOnly? MinorUntil { get; init; }
    public string UpdatedBy { get; init; } = "";
    public DateTimeOffset UpdatedAt { get; init; }
    public long Revision { get; init; }
    public IReadOnlyList<string> LegalRepresentatives { get; set; } = [];
    public IReadOnlyList<string> Groups { get; set; } = [];
    public string CouncilId { get; init; } = "";
}

public sealed class DecisionCountRow
{
    public long Purpose { get; init; }
    public long Decision { get; init; }
    public long Count { get; init; }
}

public sealed class NoticeRow
{
    public string Id { get; init; } = "";
    public string CouncilId { get; init; } = "";
    public int Status { get; init; }
    public int Version { get; init; }
    public string Title { get; init; } = "";
    public string Controller { get; init; } = "";
    public string Purposes { get; init; } = "";
    public string Recipients { get; init; } = "";
    public string Retention { get; init; } = "";
    public string LegalBasis { get; init; } = "";
    public string Rights { get; init; } = "";
    public string RightsContact { get; init; } = "";
    public string DpoContact { get; init; } = "";
    public string CnilComplaint { get; init; } = "";
    public string AdditionalInformation { get; init; } = "";
    public string CreatedBy { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? PublishedBy { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
}
