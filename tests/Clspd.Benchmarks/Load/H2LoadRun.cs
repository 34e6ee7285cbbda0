using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// One run of <c>h2load</c> (nghttp2-client) posting a pre-encoded gRPC frame, and what it measured:
/// the counts h2load prints, the latency of every answered call from its per-request log
/// (<c>--log-file</c>), and the CPU h2load itself used (its shell's <c>cutime</c> and <c>cstime</c> once it was waited for).
/// </summary>
public sealed partial record H2LoadRun(long Started, long Done, long Succeeded, long Failed, long Errored, TimeSpan Elapsed, double[] LatenciesMs, TimeSpan CpuTime)
{
    /// <summary>Answered calls (HTTP 200; the gRPC status is checked once before the runs, and the audit growth after each).</summary>
    public double PerSecond => Succeeded / Elapsed.TotalSeconds;

    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var index = (int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1;
        return LatenciesMs[Math.Clamp(index, 0, LatenciesMs.Length - 1)];
    }

    /// <summary>The call h2load makes: where, with which frame and token, how many connections and streams, paced or not.</summary>
    public sealed record Plan(Uri Url, string FrameFile, string Token, int Clients, int Streams, TimeSpan Duration, double? Rate);

    public static async Task<H2LoadRun> RunAsync(Plan plan, string logFile, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var arguments = new List<string>
        {
            "-c", plan.Clients.ToString(CultureInfo.InvariantCulture), "-m", plan.Streams.ToString(CultureInfo.InvariantCulture),
            "-t", "1", "-D", ((int)Math.Ceiling(plan.Duration.TotalSeconds)).ToString(CultureInfo.InvariantCulture),
            "-d", plan.FrameFile, "--log-file", logFile,
            "-H", "content-type: application/grpc", "-H", "te: trailers", "-H", "authorization: Bearer " + plan.Token,
        };
        if (plan.Rate is { } rate)
        {
            // --rps is per client (connection): the total spread over the connections.
            arguments.Add("--rps=" + Math.Max(1, (int)Math.Round(rate / plan.Clients)).ToString(CultureInfo.InvariantCulture));
        }

        arguments.Add(plan.Url.ToString());
        // Through a shell that reports the CPU of its waited-for child (fields 16 and 17 of its own stat).
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("h2load \"$@\"; rc=$?; echo \"child-cpu $(cut -d' ' -f16,17 /proc/$$/stat)\"; exit $rc");
        start.ArgumentList.Add("h2load");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("h2load could not be started (apt-get install nghttp2-client)");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var text = await stdout;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"h2load exited with {process.ExitCode}: {await stderr}\n{text}");
        }

        return Parse(text, logFile);
    }

    internal static H2LoadRun Parse(string output, string logFile)
    {
        var requests = Requests().Match(output);
        var finished = Finished().Match(output);
        var cpu = ChildCpu().Match(output);
        if (!requests.Success || !finished.Success)
        {
            throw new InvalidOperationException("h2load's summary was not understood:\n" + output);
        }

        long Count(string name) => long.Parse(requests.Groups[name].Value, CultureInfo.InvariantCulture);
        var ticks = cpu.Success ? long.Parse(cpu.Groups[1].Value, CultureInfo.InvariantCulture) + long.Parse(cpu.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        return new H2LoadRun(Count("started"), Count("done"), Count("succeeded"), Count("failed"), Count("errored"),
            Duration(finished.Groups[1].Value), Latencies(logFile), TimeSpan.FromSeconds(ticks / 100.0));
    }

    // "finished in 10.00s, 3499.90 req/s, 1.23MB/s" (h2load prints ms or s, or µs for tiny runs).
    private static TimeSpan Duration(string text) => text.EndsWith("ms", StringComparison.Ordinal)
        ? TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture))
        : text.EndsWith("us", StringComparison.Ordinal) ? TimeSpan.FromMicroseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture))
        : TimeSpan.FromSeconds(double.Parse(text.TrimEnd('s'), CultureInfo.InvariantCulture));

    // Per request: start (µs since the epoch), HTTP status, µs until the end of the response.
    private static double[] Latencies(string logFile)
    {
        var latencies = new List<double>();
        foreach (var line in File.ReadLines(logFile))
        {
            var fields = line.Split('\t');
            if (fields.Length >= 3 && fields[1] == "200")
            {
                latencies.Add(long.Parse(fields[2], CultureInfo.InvariantCulture) / 1000.0);
            }
        }

        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    [GeneratedRegex(@"requests: (?<total>\d+) total, (?<started>\d+) started, (?<done>\d+) done, (?<succeeded>\d+) succeeded, (?<failed>\d+) failed, (?<errored>\d+) errored")]
    private static partial Regex Requests();

    [GeneratedRegex(@"finished in ([0-9.]+(?:ms|us|s)),")]
    private static partial Regex Finished();

    [GeneratedRegex(@"child-cpu (\d+) (\d+)")]
    private static partial Regex ChildCpu();
}
