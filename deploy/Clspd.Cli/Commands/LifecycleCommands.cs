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
        var command = Cmd.New("run", "Runs the daily lifecycle job now, then prints what it closed and destroyed (REC-4, REC-7). It is idempotent.",
            "clspd lifecycle run --batch-size 200", batch);
        cli.Runs(command, async (run, ct) =>
        {
            var progress = new Progress(run.Err, "running the lifecycle job", 1);
            var reply = await run.Api.Lifecycle.RunLifecycleAsync(new RunLifecycleRequest { BatchSize = run.Get(batch) }, cancellationToken: ct);
            progress.Finish();
            run.Show(reply, () => new Table("Done", "Count", "Rule")
                .Add("follow-ups closed at 25", Count(reply.ClosedAt25), "REC-4")
                .Add("cases destroyed", Count(reply.CasesDestroyed), "REC-7")
                .Add("persons destroyed (data key deleted)", Count(reply.PersonsDestroyed), "REC-7")
                .WriteTo(run.Out));
        });
        return command;
    }

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
