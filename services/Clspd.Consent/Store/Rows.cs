namespace Clspd.Consent.Store;

#pragma warning disable CA1812

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
}
