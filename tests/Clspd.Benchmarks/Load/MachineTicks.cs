using System.Globalization;

namespace Clspd.Benchmarks.Load;

/// <summary>The whole machine's CPU ticks from the first line of /proc/stat: busy and total, over every core.</summary>
public readonly record struct MachineTicks(long Busy, long Total)
{
    public static MachineTicks Read()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is already in user).
        var total = fields.Take(8).Sum();
        return new MachineTicks(total - fields[3] - fields[4], total);
    }

    public static MachineTicks operator -(MachineTicks after, MachineTicks before) => new(after.Busy - before.Busy, after.Total - before.Total);

    /// <summary>Busy time in percent of one core (200 % is two cores fully used).</summary>
    public double BusyPercent => Total == 0 ? 0 : 100.0 * Busy / Total * Environment.ProcessorCount;
}
