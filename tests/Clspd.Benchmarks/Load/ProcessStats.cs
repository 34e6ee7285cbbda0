using System.Globalization;

namespace Clspd.Benchmarks.Load;

/// <summary>CPU time and memory of a process, read from /proc (Linux).</summary>
public readonly record struct ProcessStats(TimeSpan CpuTime, long ResidentBytes, long PeakResidentBytes)
{
    public static ProcessStats Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of stat (utime, stime), counted from the state field (3rd) here.
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            long rss = 0, hwm = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line) * 1024;
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    hwm = Kilobytes(line) * 1024;
                }
            }

            return new ProcessStats(TimeSpan.FromSeconds(ticks / 100.0), rss, hwm);
        }
        catch (IOException)
        {
            return default;
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

/// <summary>
/// CPU time of the stack's processes and of the load generator itself, taken before a run, so
/// that the run can say what share of a core each used and how much CPU each call cost it.
/// </summary>
public sealed class CpuSample
{
    /// <summary>The name under which the load generator's own process is reported.</summary>
    public const string LoadGenerator = "load";

    private readonly IReadOnlyDictionary<string, int> _processIds;
    private readonly Dictionary<string, TimeSpan> _before;

    private CpuSample(IReadOnlyDictionary<string, int> processIds)
    {
        _processIds = processIds;
        _before = processIds.ToDictionary(p => p.Key, p => ProcessStats.Read(p.Value).CpuTime);
    }

    /// <summary>Samples the given processes (name → pid) and the current process, as <see cref="LoadGenerator"/>.</summary>
    public static CpuSample Take(IReadOnlyDictionary<string, int> stackProcessIds)
    {
        ArgumentNullException.ThrowIfNull(stackProcessIds);
        var processIds = new Dictionary<string, int>(stackProcessIds, StringComparer.Ordinal) { [LoadGenerator] = Environment.ProcessId };
        return new CpuSample(processIds);
    }

    /// <summary>CPU seconds each process used since the sample.</summary>
    public IReadOnlyDictionary<string, double> SecondsUsed() =>
        _processIds.ToDictionary(p => p.Key, p => (ProcessStats.Read(p.Value).CpuTime - _before[p.Key]).TotalSeconds, StringComparer.Ordinal);

    /// <summary>"cpu (share, ms per call): registry 2% 0.01, …" for a run of <paramref name="report"/>'s length and calls.</summary>
    public string Describe(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return "    cpu (share, ms per call): " + string.Join(", ", SecondsUsed().Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{p.Key} {p.Value / report.Elapsed.TotalSeconds * 100:F0}% {p.Value * 1000 / Math.Max(1, report.Calls):F2}")));
    }
}
