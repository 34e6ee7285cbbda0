using System.Diagnostics;

namespace Clspd.Access.Diagnostics;

/// <summary>
/// When one Check reached each stage (<see cref="Stopwatch.GetTimestamp"/>), from its arrival in the
/// service to its answer written; only when stage timings are on (<see cref="CheckStageTimings"/>).
/// The request's code finds its timeline in <see cref="Current"/>; the audit writer stamps the one
/// handed to it with the entry.
/// </summary>
public sealed class CheckTimeline
{
    private static readonly AsyncLocal<CheckTimeline?> s_current = new();

    /// <summary>The timeline of the Check being served on this flow, or null (timings off, or another call).</summary>
    public static CheckTimeline? Current
    {
        get => s_current.Value;
        set => s_current.Value = value;
    }

    public long Arrived { get; init; }

    /// <summary>The gRPC method entered: authentication, routing, the message read and the interceptors are behind.</summary>
    public long Handled { get; set; }

    /// <summary>The decision taken (facts, policy), its audit entry built.</summary>
    public long Decided { get; set; }

    /// <summary>The entry in the audit writer's queue.</summary>
    public long Enqueued { get; set; }

    /// <summary>The writer took the entry into a batch.</summary>
    public long BatchStarted { get; set; }

    /// <summary>The batch committed, on disk.</summary>
    public long Committed { get; set; }

    /// <summary>The request's code running again after the commit.</summary>
    public long Resumed { get; set; }

    /// <summary>Entries in the batch that carried this one.</summary>
    public int BatchSize { get; set; }
}
