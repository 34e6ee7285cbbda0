namespace Clspd.Access.Facts;

/// <summary>
/// Progress of one change feed: the revision applied so far, when the source last spoke, and a
/// way to wait until a revision is reached.
/// </summary>
public sealed class FeedState(TimeProvider time)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _revision;
    private long _lastContactTicks;
    private bool _caughtUp;

    /// <summary>Every change up to this revision is applied.</summary>
    public long Revision => Volatile.Read(ref _revision);

    /// <summary>When the source last spoke (a change or a heartbeat); null before it ever did.</summary>
    public DateTimeOffset? LastContact
    {
        get
        {
            lock (_gate)
            {
                return _lastContactTicks == 0 ? null : new DateTimeOffset(_lastContactTicks, TimeSpan.Zero);
            }
        }
    }

    /// <summary>True once the backlog was drained after (re)connecting and the stream is still up.</summary>
    public bool CaughtUp
    {
        get
        {
            lock (_gate)
            {
                return _caughtUp;
            }
        }
    }

    /// <summary>Whether the feed is caught up and spoke within <paramref name="staleness"/>.</summary>
    public bool IsFresh(TimeSpan staleness)
    {
        lock (_gate)
        {
            return _caughtUp && time.GetUtcNow().UtcTicks - _lastContactTicks <= staleness.Ticks;
        }
    }

    public void Advanced(long revision, bool caughtUp)
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            if (revision > _revision)
            {
                Volatile.Write(ref _revision, revision);
            }

            _caughtUp |= caughtUp;
            _lastContactTicks = time.GetUtcNow().UtcTicks;
            previous = _advanced;
            _advanced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }

    public void Disconnected()
    {
        lock (_gate)
        {
            _caughtUp = false;
        }
    }

    /// <summary>Waits until the applied revision reaches <paramref name="revision"/>; false after the timeout.</summary>
    public async Task<bool> WaitForAsync(long revision, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Revision < revision)
        {
            Task next;
            lock (_gate)
            {
                next = _advanced.Task;
            }

            if (Revision >= revision)
            {
                return true;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                await next.WaitAsync(left, ct);
            }
            catch (TimeoutException)
            {
                return Revision >= revision;
            }
        }

        return true;
    }
}
