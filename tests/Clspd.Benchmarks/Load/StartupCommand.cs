using System.Diagnostics;
using System.Globalization;
using Clspd.Local;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// Start-up of each service on its own: a stack with only that service behind the gateway, on a
/// fresh data directory (migrations included), timed from launch until the service itself answers
/// SERVING on its health endpoint; then its resident memory after a few seconds at rest. The CPU
/// time the service's process had used when it first answered SERVING is reported too: on a
/// shared machine the wall-clock figure follows the other work, the CPU time much less.
/// </summary>
public static class StartupCommand
{
    public sealed record Figure(string Service, TimeSpan ToServing, TimeSpan CpuToServing, long ResidentBytesAtRest);

    public static async Task<IReadOnlyList<Figure>> RunAsync(IReadOnlyList<string> services, string dataRoot, TimeSpan rest, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var figures = new List<Figure>();
        output.WriteLine("| service | start to SERVING | CPU time to SERVING | resident memory at rest |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var service in services)
        {
            var data = Path.Combine(dataRoot, service);
            await using var stack = new LocalStack(new LocalStackOptions
            {
                DataDirectory = data, Services = [service], Ports = StackPorts.Free(), Output = _ => { },
                // The h2c stack, as every figure of docs/benchmarks.md before the mutual TLS one (tls-compare).
                InsecureLoopback = true,
            });
            using var starting = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var clock = Stopwatch.StartNew();
            var start = stack.StartAsync(starting.Token);
            var serving = await WaitServingAsync(stack.AddressOf(service), clock, TimeSpan.FromSeconds(60), ct);
            var cpu = ProcessStats.Read(stack.ProcessIds[service]).CpuTime;
            await start;
            await Task.Delay(rest, ct);
            var rss = ProcessStats.Read(stack.ProcessIds[service]).ResidentBytes;
            var figure = new Figure(service, serving, cpu, rss);
            figures.Add(figure);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {service} | {serving.TotalSeconds:F2} s | {cpu.TotalSeconds:F2} s | {rss / 1048576.0:F0} MB |"));
        }

        return figures;
    }

    private static async Task<TimeSpan> WaitServingAsync(Uri address, Stopwatch clock, TimeSpan limit, CancellationToken ct)
    {
        while (clock.Elapsed < limit)
        {
            var (serving, _) = await HealthProbe.CheckAsync(address, TimeSpan.FromMilliseconds(500), ct);
            if (serving)
            {
                return clock.Elapsed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
        }

        throw new TimeoutException($"{address} did not report SERVING within {limit.TotalSeconds:0} s");
    }
}
