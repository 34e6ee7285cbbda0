using System.Globalization;
using System.Text;

namespace Clspd.Benchmarks.Load;

/// <summary>What one load run measured: throughput, latency percentiles, errors by status.</summary>
public sealed record LoadReport(string Label, int Concurrency, long Calls, TimeSpan Elapsed, double[] LatenciesMs, IReadOnlyDictionary<string, long> Errors)
{
    public double PerSecond => Calls / Elapsed.TotalSeconds;

    public long ErrorCount => Errors.Values.Sum();

    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1;
        return LatenciesMs[Math.Clamp(index, 0, LatenciesMs.Length - 1)];
    }

    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"| {Label,-26} | {Concurrency,4} | {Calls,9} | {PerSecond,9:F0} | {Percentile(50),7:F2} | {Percentile(90),7:F2} | {Percentile(99),7:F2} | {Percentile(99.9),7:F2} | {FormatErrors(),-20} |");

    public static string Header =>
        "| run                        | conc |     calls |   calls/s | p50 ms  | p90 ms  | p99 ms  | p99.9ms | errors               |\n" +
        "|----------------------------|------|-----------|-----------|---------|---------|---------|---------|----------------------|";

    private string FormatErrors()
    {
        if (Errors.Count == 0)
        {
            return "none";
        }

        var text = new StringBuilder();
        foreach (var (status, count) in Errors.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{status}:{count} ");
        }

        return text.ToString().Trim();
    }
}
