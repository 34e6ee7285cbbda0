namespace Clspd.ServiceDefaults.ChangeFeed;

/// <summary>Wakes the followers of the change feed when this process commits a change.</summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A task that completes at the next notification. Take it before reading, then wait on it.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;

    public void Notify(long revision)
    {
        _ = revision;
        var previous = Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.TrySetResult();
    }
}
