using System.CommandLine;
using System.Globalization;
using Clspd.Access.V1;
using Clspd.Local;
using Clspd.ServiceDefaults.Auth;
using Grpc.Core;
using Grpc.Net.Client;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// The cost of TLS on every hop (issue #17, point 7): two local stacks side by side, one with TLS
/// and mutual TLS (the default), called by partners over the gateway's TLS listener, and one with
/// <c>--insecure-loopback</c> (h2c everywhere, the partner's hop included), the same calls run on each
/// in turn for several rounds, and the processor time of the stack's processes (from /proc) per call
/// for both, and their ratio.
/// </summary>
/// <remarks>
/// Mixes: <c>check-own</c>, a participant checking their own access through the gateway (partner →
/// gateway → access); <c>case</c>, a participant reading a case through the gateway (partner → gateway
/// → records → access); <c>check</c>, the records service's own call straight to access, presenting
/// the records certificate. The partner's side trusts the development CA and presents no certificate.
/// Alternating the stacks round by round spreads whatever else loads the machine over both.
/// </remarks>
public static class TlsCompareCommand
{
    public static readonly IReadOnlyList<string> Mixes = ["check-own", "case", "check"];

    /// <summary>The most processor time per call TLS may cost over h2c (issue #17, point 7: at most 15 % more).</summary>
    public const double MaxRatio = 1.15;

    /// <summary>A run: the mixes, callers, the measured time of one round on one stack, rounds, and the unmeasured warm-up per stack.</summary>
    public sealed record Options(IReadOnlyList<string> Mixes, int Concurrency, TimeSpan Duration, int Rounds, TimeSpan Warmup);

    /// <summary>One mix's outcome: processor milliseconds per call of the stack's processes, with TLS on every hop and over h2c.</summary>
    public sealed record Comparison(string Mix, double TlsMsPerCall, double H2cMsPerCall, long TlsErrors, long H2cErrors)
    {
        public double Ratio => TlsMsPerCall / H2cMsPerCall;
    }

    public static Command Build()
    {
        var mix = new Option<string>("--mix") { Description = "Comma-separated mixes: " + string.Join(", ", Mixes), DefaultValueFactory = _ => string.Join(",", Mixes) };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent callers", DefaultValueFactory = _ => 32 };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds of one round on one stack", DefaultValueFactory = _ => 5 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds; each runs the mix on the TLS stack, then on the h2c one (or the reverse, every other round)", DefaultValueFactory = _ => 4 };
        var warmup = new Option<int>("--warmup") { Description = "Unmeasured seconds of each mix on each stack first", DefaultValueFactory = _ => 15 };
        var command = new Command("tls-compare", "Processor time per call with TLS on every hop (the gateway's TLS listener, mutual TLS between the services) and over h2c (--insecure-loopback): two stacks, the same calls, alternately.")
        {
            mix, concurrency, seconds, rounds, warmup,
        };
        command.SetAction(async (parse, ct) =>
        {
            await RunAsync(new Options(
                parse.GetValue(mix)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), parse.GetValue(concurrency),
                TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(rounds), TimeSpan.FromSeconds(parse.GetValue(warmup))), Console.Out, ct);
            return 0;
        });
        return command;
    }

    public static async Task<IReadOnlyList<Comparison>> RunAsync(Options options, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        var unknown = options.Mixes.Except(Mixes).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"--mix: unknown '{string.Join(",", unknown)}'; known: {string.Join(", ", Mixes)}", nameof(options));
        }

        // One token drives all the load: lift the gateway's per-caller rate limit (GW-2); the children inherit it.
        Environment.SetEnvironmentVariable("Gateway__RateLimit__PermitsPerSecond", "1000000");
        var root = Path.Combine(Path.GetTempPath(), "clspd-tls-compare", Guid.NewGuid().ToString("N"));
        await using var tls = new LocalStack(new LocalStackOptions { DataDirectory = Path.Combine(root, "tls"), Ports = StackPorts.Free(), Output = _ => { } });
        await using var h2c = new LocalStack(new LocalStackOptions { DataDirectory = Path.Combine(root, "h2c"), Ports = StackPorts.Free(), Output = _ => { }, InsecureLoopback = true });
        await Task.WhenAll(tls.StartAsync(ct), h2c.StartAsync(ct));
        using var tlsSide = await Side.SeedAsync("TLS", tls);
        using var h2cSide = await Side.SeedAsync("h2c", h2c);
        output.WriteLine($"two stacks SERVING and seeded: TLS on every hop (partners at {tls.GatewayTlsAddress}, mutual TLS between the services), and h2c (--insecure-loopback)");
        output.WriteLine();
        output.WriteLine(LoadReport.Header);

        var comparisons = new List<Comparison>();
        foreach (var mix in options.Mixes)
        {
            var sides = new[] { tlsSide, h2cSide };
            foreach (var side in sides)
            {
                await LoadRunner.RunAsync("warm-up", options.Concurrency, options.Warmup, side.Call(mix), null, ct);
            }

            var cpu = new double[2];
            var calls = new long[2];
            var errors = new long[2];
            for (var round = 0; round < options.Rounds; round++)
            {
                // Every other round the h2c stack goes first, so that neither always follows the other.
                foreach (var i in round % 2 == 0 ? new[] { 0, 1 } : [1, 0])
                {
                    var side = sides[i];
                    var sample = CpuSample.Take(side.Stack.ProcessIds);
                    var report = await LoadRunner.RunAsync($"{mix}, {side.Name}", options.Concurrency, options.Duration, side.Call(mix), null, ct);
                    var used = sample.SecondsUsed();
                    cpu[i] += used.Where(p => p.Key != CpuSample.LoadGenerator).Sum(p => p.Value);
                    calls[i] += report.Calls;
                    errors[i] += report.ErrorCount;
                    output.WriteLine(report.ToLine());
                    output.WriteLine(sample.Describe(report));
                }
            }

            var comparison = new Comparison(mix, cpu[0] * 1000 / Math.Max(1, calls[0]), cpu[1] * 1000 / Math.Max(1, calls[1]), errors[0], errors[1]);
            comparisons.Add(comparison);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {mix}: stack CPU per call {comparison.TlsMsPerCall:F3} ms with TLS, {comparison.H2cMsPerCall:F3} ms over h2c; TLS ÷ h2c = {comparison.Ratio:F2}"));
        }

        output.WriteLine();
        output.WriteLine("| mix | stack CPU ms per call, TLS on every hop | stack CPU ms per call, h2c | TLS ÷ h2c | ≤ 1.15 | errors (TLS / h2c) |");
        output.WriteLine("|---|---:|---:|---:|---|---:|");
        foreach (var c in comparisons)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {c.Mix} | {c.TlsMsPerCall:F3} | {c.H2cMsPerCall:F3} | {c.Ratio:F2} | {(c.Ratio <= MaxRatio ? "yes" : "no")} | {c.TlsErrors} / {c.H2cErrors} |"));
        }

        return comparisons;
    }

    /// <summary>One stack, seeded, and the calls of each mix against it.</summary>
    private sealed class Side : IDisposable
    {
        private readonly LocalIssuer _issuer;
        private readonly Dictionary<string, CallOptions> _tokens = new(StringComparer.Ordinal);
        private readonly GrpcChannel _gateway;
        private readonly GrpcChannel _accessAsRecords;
        private LoadScenario _scenario = null!;

        private Side(string name, LocalStack stack)
        {
            Name = name;
            Stack = stack;
            _issuer = LocalIssuer.Load(Path.Combine(stack.DataDirectory, LocalIssuer.PrivateKeyFileName));
            // A partner: over the gateway's TLS listener on the TLS stack, trusting the development CA; h2c on the other.
            _gateway = stack.CreatePartnerChannel();
            // The records service's own hop: its token, and over TLS its certificate.
            _accessAsRecords = stack.CreateChannel("access", presenting: "records");
        }

        public string Name { get; }

        public LocalStack Stack { get; }

        public static async Task<Side> SeedAsync(string name, LocalStack stack)
        {
            var side = new Side(name, stack);
            side._scenario = await LoadScenario.SeedAsync(side._gateway, side.As);
            return side;
        }

        public Func<CancellationToken, Task> Call(string mix)
        {
            switch (mix)
            {
                case "check-own":
                {
                    var s = _scenario;
                    var client = new AccessService.AccessServiceClient(_gateway);
                    var request = new CheckRequest
                    {
                        Principal = s.Member, Action = AccessAction.ReadCase, View = View.Pseudonymous,
                        Resource = new CaseResource { CaseId = s.CaseId, SubjectRef = s.SubjectRef, CouncilId = s.CouncilId, GroupId = s.GroupId, BodyKind = BodyKind.ClspdGroup },
                    };
                    var options = As(s.Member);
                    return ct => client.CheckAsync(request, options.WithCancellationToken(ct)).ResponseAsync;
                }

                case "case":
                    return _scenario.Call("case", _gateway);
                case "check":
                    return _scenario.Call("check", _accessAsRecords);
                default:
                    throw new ArgumentException($"unknown mix '{mix}'", nameof(mix));
            }
        }

        private CallOptions As(string subject)
        {
            lock (_tokens)
            {
                if (!_tokens.TryGetValue(subject, out var options))
                {
                    options = new CallOptions(new Metadata { { "authorization", "Bearer " + _issuer.Mint(subject, TimeSpan.FromHours(2)) } });
                    _tokens[subject] = options;
                }

                return options;
            }
        }

        public void Dispose()
        {
            _gateway.Dispose();
            _accessAsRecords.Dispose();
            _issuer.Dispose();
        }
    }
}
