using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Clspd.ServiceDefaults.Auth;

namespace Clspd.Local;

/// <summary>
/// <c>clspd-local [--data DIR] [--only registry,consent] [--port-base N] [--port name=N]... [--timeout S] [--insecure-loopback]</c> runs the stack;
/// <c>clspd-local token --sub SUBJECT [--minutes N] [--data DIR]</c> prints a token of the local issuer.
/// </summary>
public static class LocalCli
{
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration
        {
            // Ctrl-C and SIGTERM are handled by the run command itself, which must stop its children first.
            ProcessTerminationTimeout = null,
        };
        if (output is not null)
        {
            configuration.Output = output;
        }

        if (error is not null)
        {
            configuration.Error = error;
        }

        return BuildRoot().Parse(args).InvokeAsync(configuration);
    }

    public static RootCommand BuildRoot()
    {
        var data = new Option<string?>("--data")
        {
            Description = $"Data directory (issuer keys, SQLite files, records master key). Default: ${DataDirectory.Variable}, else ./{DataDirectory.DefaultName}",
            Recursive = true,
        };
        var only = new Option<string?>("--only")
        {
            Description = $"Comma-separated services to run behind the gateway ({string.Join(",", StackCatalog.Services)}); the others get Unimplemented",
        };
        var portBase = new Option<int>("--port-base")
        {
            Description = "Gateway port; registry, consent, records, access take the next four, the gateway's JSON listener (HTTP/1.1) the fifth, its TLS listener for partners the sixth, the web console the tenth and the development sign-in the eleventh",
            DefaultValueFactory = _ => StackPorts.DefaultBase,
        };
        var ports = new Option<string[]>("--port")
        {
            Description = "Override one port, e.g. --port records=6003, --port json=6005, --port web=6010 or --port signin=6011 (repeatable)",
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for the gateway to report SERVING",
            DefaultValueFactory = _ => 90,
        };

        var insecure = new Option<bool>("--insecure-loopback")
        {
            Description = "Cleartext h2c between the services too, for debugging (by default they run TLS and mutual TLS with a development CA made in the data directory)",
        };

        var root = new RootCommand("Runs the CLSPD services and the gateway on loopback (SQLite, local token issuer, mutual TLS between the services).")
        {
            Options = { data, only, portBase, ports, timeout, insecure },
        };
        root.SetAction((parse, cancellationToken) => RunAsync(parse, data, only, portBase, ports, timeout, insecure));
        root.Subcommands.Add(BuildTokenCommand(data));
        return root;
    }

    private static Command BuildTokenCommand(Option<string?> data)
    {
        var subject = new Option<string>("--sub")
        {
            Description = "Subject (sub claim) of the token, e.g. admin",
            Required = true,
        };
        var minutes = new Option<int>("--minutes")
        {
            Description = "Lifetime in minutes",
            DefaultValueFactory = _ => 60,
        };
        var token = new Command("token", "Prints a bearer token signed by the local issuer of the data directory (created if needed).")
        {
            Options = { subject, minutes },
        };
        token.SetAction(parse =>
        {
            var lifetime = parse.GetValue(minutes);
            if (lifetime <= 0)
            {
                parse.InvocationConfiguration.Error.WriteLine("--minutes must be positive");
                return 2;
            }

            using var issuer = LocalIssuer.EnsureCreated(DataDirectory.Resolve(parse.GetValue(data)));
            parse.InvocationConfiguration.Output.WriteLine(issuer.Mint(parse.GetValue(subject)!, TimeSpan.FromMinutes(lifetime)));
            return 0;
        });
        return token;
    }

    private static async Task<int> RunAsync(ParseResult parse, Option<string?> data, Option<string?> only, Option<int> portBase, Option<string[]> ports, Option<int> timeout,
        Option<bool> insecure)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        if (!TryReadOptions(parse, only, portBase, ports, out var services, out var stackPorts, out var problem))
        {
            error.WriteLine(problem);
            return 2;
        }

        var writeLock = new Lock();
        var options = new LocalStackOptions
        {
            DataDirectory = DataDirectory.Resolve(parse.GetValue(data)),
            Services = services,
            Ports = stackPorts,
            StartTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
            InsecureLoopback = parse.GetValue(insecure),
            Output = line =>
            {
                lock (writeLock)
                {
                    output.WriteLine(line);
                }
            },
        };

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        await using var stack = new LocalStack(options);
        // Ctrl-C also reaches the children (same process group): mark the stop before they exit.
        using var onStop = stop.Token.Register(() => _ = stack.StopAsync());
        try
        {
            await stack.StartAsync(stop.Token);
        }
        catch (Exception e) when (stop.IsCancellationRequested && e is OperationCanceledException or LocalStackException)
        {
            options.Output("[local] stopped during start-up");
            return 0;
        }
        catch (LocalStackException e)
        {
            error.WriteLine($"[local] {e.Message}");
            return 1;
        }

        options.Output(Banner.For(stack));
        var cause = await stack.Completion;
        if (cause is not null)
        {
            error.WriteLine($"[local] {cause.Describe()}");
            return 1;
        }

        options.Output("[local] stopped");
        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }

    private static bool TryReadOptions(ParseResult parse, Option<string?> only, Option<int> portBase, Option<string[]> ports,
        out IReadOnlyCollection<string> services, out StackPorts stackPorts, out string problem)
    {
        services = StackCatalog.Services;
        stackPorts = StackPorts.FromBase(parse.GetValue(portBase));
        problem = string.Empty;
        if (parse.GetValue(only) is { } list)
        {
            services = [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).Distinct()];
            var unknown = services.Except(StackCatalog.Services).ToList();
            if (unknown.Count > 0 || services.Count == 0)
            {
                problem = $"--only: unknown or missing service(s) '{string.Join(",", unknown)}'; choose among {string.Join(",", StackCatalog.Services)}";
                return false;
            }
        }

        foreach (var assignment in parse.GetValue(ports) ?? [])
        {
            var parts = assignment.Split('=', 2, StringSplitOptions.TrimEntries);
            var known = parts.Length == 2 && (StackPorts.OtherNames.Contains(parts[0]) || StackCatalog.Services.Contains(parts[0]));
            if (!known || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            {
                problem = $"--port {assignment}: expected name=port with name among gateway,{string.Join(",", StackCatalog.Services)},json,tls,web,signin";
                return false;
            }

            stackPorts = stackPorts.With(parts[0], port);
        }

        return true;
    }
}
