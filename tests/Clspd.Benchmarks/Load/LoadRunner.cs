using System.Diagnostics;
using Grpc.Core;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// Runs one kind of call from a number of concurrent workers for a bounded time (loopback only)
/// and records every latency. Optionally paced to a target rate, to measure latency at a load: the
/// workers' calls are then spread evenly over time, as independent callers' calls arrive.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadReport> RunAsync(
        string label, int concurrency, TimeSpan duration, Func<CancellationToken, Task> call, double? targetPerSecond, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        var errors = new System.Collections.Concurrent.ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var perWorker = new List<double>[concurrency];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(duration);
        var clock = Stopwatch.StartNew();
        var interval = targetPerSecond is > 0 ? TimeSpan.FromSeconds(concurrency / targetPerSecond.Value) : TimeSpan.Zero;

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var latencies = new List<double>(100_000);
            perWorker[w] = latencies;
            for (long round = 0; !stop.IsCancellationRequested; round++)
            {
                if (interval > TimeSpan.Zero)
                {
                    var wait = DueAt(w, concurrency, interval, round) - clock.Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        try
                        {
                            await Task.Delay(wait, stop.Token);
                        }
                        catch (OperationCanceledException)
                        {
                            break;
                        }
                    }
                }

                // A call started before the end of the run is waited for, not cancelled: on a slow
                // machine a run shorter than one call would otherwise count nothing at all.
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await call(ct);
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && ct.IsCancellationRequested)
                {
                    break;
                }
                catch (RpcException ex)
                {
                    errors.AddOrUpdate(ex.StatusCode.ToString(), 1, (_, n) => n + 1);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    break;
                }
            }
        }, CancellationToken.None)));

        var elapsed = clock.Elapsed;
        var all = perWorker.Where(l => l is not null).SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadReport(label, concurrency, all.LongLength, elapsed, all, new Dictionary<string, long>(errors, StringComparer.Ordinal));
    }

    /// <summary>
    /// When a paced worker's call of a given round is due, from the start of the run (one origin for
    /// every worker): each worker
    /// starts a fraction of the interval after the one before it, so that the calls of all workers
    /// arrive evenly spread (one every interval ÷ concurrency), not all at once once per interval.
    /// </summary>
    public static TimeSpan DueAt(int worker, int concurrency, TimeSpan interval, long round) =>
        (interval * worker / concurrency) + (interval * round);
}
