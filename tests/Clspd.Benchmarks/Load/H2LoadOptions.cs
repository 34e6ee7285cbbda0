using System.CommandLine;

namespace Clspd.Benchmarks.Load;

/// <summary>The <c>h2load</c> command's options (<see cref="H2LoadCommand"/>).</summary>
public static class H2LoadOptions
{
    public static Command Command()
    {
        var rate = new Option<double>("--rate") { Description = "Total calls per second of the paced runs (h2load --rps, spread over the connections)", DefaultValueFactory = _ => 3_500 };
        var seconds = new Option<int>("--seconds") { Description = "Seconds per measured run (h2load -D)", DefaultValueFactory = _ => 10 };
        var rounds = new Option<int>("--rounds") { Description = "Rounds; each runs every path paced, then saturated", DefaultValueFactory = _ => 2 };
        var clients = new Option<int>("--clients") { Description = "HTTP/2 connections (h2load -c)", DefaultValueFactory = _ => 4 };
        var streams = new Option<int>("--streams") { Description = "Concurrent streams per connection (h2load -m)", DefaultValueFactory = _ => 16 };
        var warmup = new Option<int>("--warmup") { Description = "Seconds each path runs saturated, unmeasured, before any is measured", DefaultValueFactory = _ => 15 };
        var baseline = new Option<string?>("--baseline") { Description = "Clspd.Local.dll of another build (Release, its own worktree): its stack runs beside this one and every round measures both" };
        var baselineEnv = new Option<string[]>("--baseline-env")
        {
            Description = "NAME=VALUE set for the baseline's stack only (repeatable): with --baseline naming this build's own Clspd.Local.dll, a runtime setting measured against the same build without it",
            AllowMultipleArgumentsPerToken = false,
        };
        baselineEnv.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string[]>()?.FirstOrDefault(pair => pair.IndexOf('=', StringComparison.Ordinal) <= 0) is { } bad)
            {
                result.AddError($"--baseline-env: '{bad}' is not NAME=VALUE");
            }
        });
        var stages = new Option<bool>("--stages") { Description = "Turn on the access service's stage timings (Access:StageTimings:File) and print where a Check's time went after each run" };
        var floor = new Option<bool>("--floor")
        {
            Description = "Also measure, in every round, the same frame answered by a gRPC service returning a fixed answer, directly and through a bare YARP proxy (what this machine costs a call before any of the stack's work)",
        };
        var command = new Command("h2load", "Check under external load: h2load through the gateway and directly to access, alternating, paced and saturated; CPU per process, audit growth checked.")
        {
            rate, seconds, rounds, clients, streams, warmup, baseline, baselineEnv, stages, floor,
        };
        command.SetAction(async (parse, ct) =>
        {
            await H2LoadCommand.RunAsync(new H2LoadCommand.Options(parse.GetValue(rate), TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(rounds),
                parse.GetValue(clients), parse.GetValue(streams), TimeSpan.FromSeconds(parse.GetValue(warmup)), parse.GetValue(baseline), parse.GetValue(stages))
            {
                BaselineEnvironment = H2LoadCommand.ParseEnvironment(parse.GetValue(baselineEnv) ?? []),
                Floor = parse.GetValue(floor),
            },
                Console.Out, ct);
            return 0;
        });
        return command;
    }

    /// <summary>One process of <c>h2load --floor</c> (<see cref="Floor"/>), started by the h2load command itself.</summary>
    public static Command FloorHostCommand()
    {
        var role = new Option<string>("--role") { Description = "service (answers every Check with --answer) or proxy (forwards to --backend)", Required = true };
        var port = new Option<int>("--port") { Description = "Loopback port (h2c)", Required = true };
        var answer = new Option<string?>("--answer") { Description = "The CheckResponse to answer, protobuf in base64 (service)" };
        var backend = new Option<string?>("--backend") { Description = "The service's address (proxy)" };
        var command = new Command(Floor.HostCommand, "A process of h2load --floor: a gRPC service with a fixed answer, or a bare YARP proxy in front of it.")
        {
            role, port, answer, backend,
        };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
        {
            await Floor.RunHostAsync(parse.GetValue(role)!, parse.GetValue(port), parse.GetValue(answer), parse.GetValue(backend) is { } address ? new Uri(address) : null, ct);
            return 0;
        });
        return command;
    }
}
