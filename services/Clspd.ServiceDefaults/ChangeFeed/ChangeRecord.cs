namespace Clspd.ServiceDefaults.ChangeFeed;

/// <summary>One row of the change feed: its revision, kind, entity and protobuf payload.</summary>
public sealed class ChangeRecord
{
    public long Revision { get; init; }

    public string Kind { get; init; } = "";

    public string EntityId { get; init; } = "";

    public byte[] Payload { get; init; } = [];

    public DateTimeOffset RecordedAt { get; init; }
}
