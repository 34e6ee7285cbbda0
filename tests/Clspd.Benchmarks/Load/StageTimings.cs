using System.Globalization;
using System.Text;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// The access service's stage timings file (<c>Access:StageTimings:File</c>, cumulative histograms of
/// 10 µs buckets per stage of a Check, and a few runtime counters), read before and after a run.
/// </summary>
public sealed class StageTimings
{
    private const double BucketMs = 0.01;

    private readonly Dictionary<string, (long Count, long SumMicros, Dictionary<int, long> Buckets)> _stages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _counters = new(StringComparer.Ordinal);

    public static async Task<StageTimings> ReadAsync(string file, CancellationToken ct)
    {
        var timings = new StageTimings();
        if (!File.Exists(file))
        {
            return timings;
        }

        foreach (var line in await File.ReadAllLinesAsync(file, ct))
        {
            var fields = line.Split('\t');
            if (fields[0] == "stage" && fields.Length >= 5)
            {
                var buckets = fields[4].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(b => b.Split(':'))
                    .ToDictionary(b => int.Parse(b[0], CultureInfo.InvariantCulture), b => long.Parse(b[1], CultureInfo.InvariantCulture));
                timings._stages[fields[1]] = (long.Parse(fields[2], CultureInfo.InvariantCulture), long.Parse(fields[3], CultureInfo.InvariantCulture), buckets);
            }
            else if (fields[0] == "counter" && fields.Length >= 3)
            {
                timings._counters[fields[1]] = long.Parse(fields[2], CultureInfo.InvariantCulture);
            }
        }

        return timings;
    }

    /// <summary>What was recorded between <paramref name="before"/> and this reading.</summary>
    public StageTimings Since(StageTimings before)
    {
        ArgumentNullException.ThrowIfNull(before);
        var delta = new StageTimings();
        foreach (var (name, (count, sum, buckets)) in _stages)
        {
            var (count0, sum0, buckets0) = before._stages.GetValueOrDefault(name, (0, 0, new Dictionary<int, long>()));
            delta._stages[name] = (count - count0, sum - sum0, buckets.ToDictionary(b => b.Key, b => b.Value - buckets0.GetValueOrDefault(b.Key)));
        }

        foreach (var (name, value) in _counters)
        {
            delta._counters[name] = name == "threadpool-threads" ? value : value - before._counters.GetValueOrDefault(name);
        }

        return delta;
    }

    /// <summary>One line per stage: mean, p50, p90, p99 (upper bound of the 10 µs bucket); the batch sizes the calls saw; the runtime counters.</summary>
    public string Describe(string indent)
    {
        var text = new StringBuilder();
        foreach (var (name, (count, sum, buckets)) in _stages)
        {
            if (name == "batch-size")
            {
                var calls = buckets.Values.Sum();
                var mean = calls == 0 ? 0 : buckets.Sum(b => (double)b.Key * b.Value) / calls;
                text.Append(CultureInfo.InvariantCulture, $"{indent}audit batch size seen by a call: mean {mean:F1}, p50 {Quantile(buckets, 0.5)}, p99 {Quantile(buckets, 0.99)}\n");
                continue;
            }

            if (count == 0)
            {
                continue;
            }

            text.Append(CultureInfo.InvariantCulture,
                $"{indent}{name,-10} mean {sum / 1000.0 / count:F3} ms, p50 {(Quantile(buckets, 0.5) + 1) * BucketMs:F2}, p90 {(Quantile(buckets, 0.9) + 1) * BucketMs:F2}, p99 {(Quantile(buckets, 0.99) + 1) * BucketMs:F2} ms ({count} calls)\n");
        }

        text.Append(indent).AppendJoin(", ", _counters.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")));
        var answered = _stages.TryGetValue("total", out var total) ? total.Count : 0;
        if (answered > 0 && _counters.TryGetValue("allocated-bytes", out var allocated) && _counters.TryGetValue("gen0", out var gen0) && gen0 > 0)
        {
            // The whole process's allocations, the stage timings' own included (a few bytes per call).
            text.Append(CultureInfo.InvariantCulture,
                $"\n{indent}allocated {allocated / 1024.0 / answered:F1} KB per call, one gen0 collection every {answered / gen0} calls, mean pause {_counters.GetValueOrDefault("gc-pause-us") / 1000.0 / gen0:F2} ms per collection");
        }

        return text.ToString();
    }

    private static int Quantile(Dictionary<int, long> buckets, double q)
    {
        var total = buckets.Values.Sum();
        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        foreach (var (index, count) in buckets.OrderBy(b => b.Key))
        {
            seen += count;
            if (seen >= rank && count > 0)
            {
                return index;
            }
        }

        return 0;
    }
}
