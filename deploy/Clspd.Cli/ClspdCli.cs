using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Clspd.Cli.Commands;
using Clspd.Cli.Output;
using Grpc.Core;

namespace Clspd.Cli;

/// <summary>
/// The <c>clspd</c> command line: the root command, the global options and the way every command
/// runs (errors rendered with their status and rule, one exit code per kind, see <see cref="ExitCodes"/>).
/// </summary>
public sealed class ClspdCli
{
    /// <summary>
    /// The command groups, one file each under Commands/. A new group (records referrals,
    /// follow-ups, archive, purge, exports, statistics...) is one more file and one more line here.
    /// </summary>
    private static readonly Func<ClspdCli, Command>[] Groups =
    [
        SessionCommands.Login, SessionCommands.Logout, SessionCommands.WhoAmI,
        CouncilCommands.Build, GroupCommands.Build, MeetingCommands.Build, InstitutionCommands.Build,
        ParticipantCommands.Build, DesignationCommands.Build, CharterCommands.Build,
        NoticeCommands.Build, SubjectCommands.Build, ConsentCommands.Build,
        PersonCommands.Build, CaseCommands.Build,
        ReferralCommands.Build, FollowUpCommands.Build, ActionCommands.Build, MeasureCommands.Build, ItemCommands.Build, LifecycleCommands.Build,
        AgendaCommands.Build, ExportCommands.Build, StatsCommands.Build,
        AccessCommands.Build, AuditCommands.Build,
        KeyCommands.Build,
        DemoCommand.Build,
    ];

    public ClspdCli(CliEnvironment? environment = null)
    {
        Environment = environment ?? new CliEnvironment();
    }

    public GlobalOptions Globals { get; } = new();

    public CliEnvironment Environment { get; }

    /// <summary>Runs the command line; <paramref name="environment"/> replaces the process environment (tests).</summary>
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var cli = new ClspdCli(environment is null ? null : new CliEnvironment(environment));
        return cli.InvokeCoreAsync(args, output ?? Console.Out, error ?? Console.Error);
    }

    public RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "clspd — the operator command line of the CLSPD information-exchange services (registry, consent, records, access).\n" +
            "Every command talks to the gateway; add --json for scripts and --help to any command for an example.\n\n" +
            "Example:\n  clspd login --as admin && clspd demo");
        foreach (var option in Globals.All)
        {
            root.Options.Add(option);
        }

        foreach (var group in Groups)
        {
            root.Subcommands.Add(group(this));
        }

        return root;
    }

    /// <summary>Gives a command its action: run, print, and turn failures into a message and an exit code.</summary>
    public void Runs(Command command, Func<Run, CancellationToken, Task> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var run = new Run(parse, this);
            try
            {
                await body(run, cancellationToken);
                return run.ExitCode;
            }
            catch (RpcException ex)
            {
                return ErrorReport.Write(run, ex);
            }
            catch (CliException ex)
            {
                run.Err.WriteLine($"error: {ex.Message}");
                return ex.ExitCode;
            }
        });
    }

    private async Task<int> InvokeCoreAsync(string[] args, TextWriter output, TextWriter error)
    {
        var parse = BuildRoot().Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync($"error: {problem.Message}");
            }

            await error.WriteLineAsync($"See '{CommandPath(parse)} --help'.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as CommandResult)
        {
            names.Insert(0, result.Command is RootCommand ? "clspd" : result.Command.Name);
        }

        return string.Join(' ', names);
    }
}
