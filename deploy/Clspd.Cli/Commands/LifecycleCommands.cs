using System.CommandLine;
using System.Globalization;
using Clspd.Cli.Output;
using Clspd.Records.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd lifecycle: the purge (close at 25, destroy due cases and persons) and its deletion log (REC-4, REC-7).</summary>
public static class LifecycleCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("lifecycle",
        "The lifecycle job: closes follow-ups at 25, destroys archived cases and persons when due (crypto-shredding), and keeps a deletion log without personal data (REC-4, REC-7). Administrators only.",
        "clspd lifecycle run",
        RunJob(cli), DeletionLog(cli));

    private static Command RunJob(ClspdCli cli)
    {
        var batch = new Option<int>("--batch-size") { Description = "Rows deleted per transaction, 1 to 5000 (default: the service's setting)" };
        var step = new Option<int>("--step")
        {
            Description = "Cases and persons handled per call, 1 to 100000: the bar moves after each call, and reads go on between the short transactions (default: 200)",
            DefaultValueFactory = _ => 200,
        };
        var command = Cmd.New("run",
            "The purge: runs the lifecycle job now, in bounded steps with a progress bar, until nothing is due — follow-ups closed at 25, archived cases and persons destroyed " +
            "(data key deleted), past meetings' working sheets purged — then prints the totals (REC-4, REC-7, REC-9). It is idempotent. Also called 'purge'.",
            "clspd lifecycle run --step 500", batch, step);
        command.Aliases.Add("purge");
        cli.Runs(command, async (run, ct) =>
        {
            if (run.Get(step) is < 1 or > 100_000)
            {
                throw new CliException(ExitCodes.Usage, "--step: must be 1 to 100000");
            }

            var progress = new Progress(run.Err, "cases and persons closed or destroyed", 0);
            var total = new RunLifecycleResponse();
            var calls = 0;
            while (true)
            {
                var reply = await run.Api.Lifecycle.RunLifecycleAsync(new RunLifecycleRequest { BatchSize = run.Get(batch), MaxCases = run.Get(step) }, cancellationToken: ct);
                calls++;
                total.ClosedAt25 += reply.ClosedAt25;
                total.CasesDestroyed += reply.CasesDestroyed;
                total.PersonsDestroyed += reply.PersonsDestroyed;
                total.AgendaItemsPurged += reply.AgendaItemsPurged;
                total.RemainingDue = reply.RemainingDue;
                var handled = reply.ClosedAt25 + reply.CasesDestroyed + reply.PersonsDestroyed;
                progress.Total = Done(total) + reply.RemainingDue;
                progress.Step(handled);
                // Stop when nothing is left, or when a call could do nothing more (what remains is not the job's to do now).
                if (reply.RemainingDue == 0 || handled == 0)
                {
                    break;
                }
            }

            progress.Finish();
            run.Show(total, () =>
            {
                new Table("Done", "Count", "Rule")
                    .Add("follow-ups closed at 25", Count(total.ClosedAt25), "REC-4")
                    .Add("cases destroyed", Count(total.CasesDestroyed), "REC-7")
                    .Add("persons destroyed (data key deleted)", Count(total.PersonsDestroyed), "REC-7")
                    .Add("working sheets of past meetings purged", Count(total.AgendaItemsPurged), "REC-9")
                    .Add("still due", Count(total.RemainingDue), "")
                    .WriteTo(run.Out);
                run.Out.WriteLine($"{Count(calls)} step(s) of at most {Count(run.Get(step))}.");
            });
        });
        return command;
    }

    private static int Done(RunLifecycleResponse total) => total.ClosedAt25 + total.CasesDestroyed + total.PersonsDestroyed;

    private static Command DeletionLog(ClspdCli cli)
    {
        var limit = new Option<int>("--limit") { Description = "Most recent entries to show, 1 to 1000 (default: 100)" };
        var command = Cmd.New("deletion-log", "Lists the deletion log, newest first: council, kind, reason and count — never a person, a case or a name (REC-7).",
            "clspd lifecycle deletion-log --limit 20", limit);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Lifecycle.ListDeletionLogAsync(new ListDeletionLogRequest { PageSize = run.Get(limit) }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                var table = new Table("Destroyed", "Council", "Kind", "Reason", "Count");
                foreach (var e in reply.Entries)
                {
                    table.Add(Fmt.When(e.DestroyedAt), e.CouncilId, e.Kind, e.Reason.Replace('_', ' '), Count(e.Count));
                }

                table.WriteTo(run.Out, "(nothing destroyed yet)");
            });
        });
        return command;
    }

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);
}
