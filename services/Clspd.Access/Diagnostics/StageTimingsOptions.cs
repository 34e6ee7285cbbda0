namespace Clspd.Access.Diagnostics;

/// <summary>
/// <c>Access:StageTimings</c>: where a Check's wall time goes, for the benchmarks (docs/benchmarks.md). Off unless
/// <see cref="File"/> is set: every Check then carries a <see cref="CheckTimeline"/>, and the histograms are written
/// to the file every second.
/// </summary>
public sealed class StageTimingsOptions
{
    public const string Section = "Access:StageTimings";

    /// <summary>File the cumulative histograms are rewritten to every second (empty: no timings).</summary>
    public string? File { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(File);
}
