namespace Clspd.ServiceDefaults.ChangeFeed;

/// <summary>One row of the change feed: its revision, kind, entity and protobuf payload.</summary>
public sealed class ChangeRecord
{
    public long Revision { get; init; }

    public string Kind { get; init; } = "";

    public string EntityId { get; init; } = "";

    public byte[] Payload { get; init; } = [];

    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>A heartbeat carries no change: every change up to its revision has been sent.</summary>
    public bool IsHeartbeat => Kind.Length == 0;

    public static ChangeRecord Heartbeat(long revision, DateTimeOffset at) => new() { Revision = revision, RecordedAt = at };
}
