namespace Clspd.Records.Lifecycle;

/// <summary>
/// Holds a lifecycle run to at most <c>perMinute</c> units of work (a follow-up closed at 25, a case
/// destroyed with its rows, a person without a case destroyed): after each batch it waits until the
/// units done so far have taken at least their share of a minute. Zero or less: no limit.
/// </summary>
public sealed class LifecyclePace(int perMinute, TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private long _done;

    /// <summary>Units done since the start of the run.</summary>
    public long Done => _done;

    /// <summary>How long to wait after <paramref name="done"/> units in <paramref name="elapsed"/>, at <paramref name="perMinute"/> at most (zero: no wait).</summary>
    public static TimeSpan WaitAfter(long done, TimeSpan elapsed, int perMinute)
    {
        if (perMinute <= 0 || done <= 0)
        {
            return TimeSpan.Zero;
        }

        var due = TimeSpan.FromMinutes(done / (double)perMinute);
        return due > elapsed ? due - elapsed : TimeSpan.Zero;
    }

    /// <summary>Counts a batch's units, then waits as long as the pace asks.</summary>
    public Task DoneAsync(int units, CancellationToken ct)
    {
        _done += units;
        var wait = WaitAfter(_done, time.GetElapsedTime(_started), perMinute);
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, ct) : Task.CompletedTask;
    }
}
