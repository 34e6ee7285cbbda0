using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;

namespace Clspd.Local;

/// <summary>
/// <c>clspd-local [--data DIR] [--only registry,consent] [--provider sqlite|sqlserver|postgres --connection CS] [--port-base N] [--port name=N]... [--timeout S] [--insecure-loopback]</c> runs the stack;
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

        var provider = new Option<string>("--provider")
        {
            Description = "Database of the services: sqlite (default, files in the data directory), sqlserver or postgres (then --connection)",
            DefaultValueFactory = _ => "sqlite",
        };
        provider.AcceptOnlyFromAmong("sqlite", "sqlserver", "postgres");
        var connection = new Option<string?>("--connection")
        {
            Description = "With --provider sqlserver|postgres: one connection string, {service} replaced by each service's name (e.g. \"Host=localhost;Username=clspd;Database=clspd_{service}\"); databases are created if missing",
        };

        var insecure = new Option<bool>("--insecure-loopback")
        {
            Description = "Cleartext h2c between the services too, for debugging (by default they run TLS and mutual TLS with a development CA made in the data directory)",
        };

        var root = new RootCommand("Runs the CLSPD services and the gateway on loopback (SQLite, local token issuer, mutual TLS between the services).")
        {
            Options = { data, only, portBase, ports, timeout, insecure, provider, connection },
        };
        root.SetAction((parse, cancellationToken) => RunAsync(parse, data, only, portBase, ports, timeout, insecure, (provider, connection)));
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
        Option<bool> insecure, (Option<string> Provider, Option<string?> Connection) database)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        if (!TryReadOptions(parse, only, portBase, ports, out var services, out var stackPorts, out var problem))
        {
            error.WriteLine(problem);
            return 2;
        }

        if (!TryReadDatabase(parse, database.Provider, database.Connection, out var databaseProvider, out var connectionString, out problem))
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
            DatabaseProvider = databaseProvider,
            ConnectionString = connectionString,
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

    private static bool TryReadDatabase(ParseResult parse, Option<string> provider, Option<string?> connection,
        out DatabaseProvider databaseProvider, out string? connectionString, out string problem)
    {
        databaseProvider = parse.GetValue(provider) switch
        {
            "sqlserver" => DatabaseProvider.SqlServer,
            "postgres" => DatabaseProvider.Postgres,
            _ => DatabaseProvider.Sqlite,
        };
        connectionString = parse.GetValue(connection);
        problem = string.Empty;
        if (databaseProvider == DatabaseProvider.Sqlite)
        {
            if (connectionString is not null)
            {
                problem = "--connection: only with --provider sqlserver or postgres (SQLite files go in the data directory)";
                return false;
            }

            return true;
        }

        // One database per service: their migrations and tables must not meet in one.
        if (string.IsNullOrWhiteSpace(connectionString) || !connectionString.Contains("{service}", StringComparison.Ordinal))
        {
            problem = $"--connection: required with --provider {parse.GetValue(provider)}, with {{service}} in the database name (e.g. Database=clspd_{{service}}): each service has its own database";
            return false;
        }

        return true;
    }
}
