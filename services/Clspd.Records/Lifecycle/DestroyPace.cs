using System.Diagnostics;

namespace Clspd.Records.Lifecycle;

/// <summary>
/// Keeps a run's destruction at or under a rate (rows per second, over the whole run): after a
/// batch that came early, it waits until the rows destroyed so far are due. Wall-clock time, not
/// the service's clock: it shares the machine's real time with daily use.
/// </summary>
public sealed class DestroyPace(int rowsPerSecond)
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _rows;

    /// <summary>How long the run must have lasted once <paramref name="rows"/> rows are destroyed (zero without a limit).</summary>
    public TimeSpan DueAfter(long rows) => rowsPerSecond <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)rows / rowsPerSecond);

    /// <summary>Counts a batch's rows, then waits until they are due.</summary>
    public async Task AfterAsync(int rows, CancellationToken ct)
    {
        _rows += rows;
        var wait = DueAfter(_rows) - Stopwatch.GetElapsedTime(_started);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct);
        }
    }
}
