using System.CommandLine;
using Clspd.Cli.Output;
using Clspd.Records.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd action: actions of a follow-up, with start, end and result (REC-3).</summary>
public static class ActionCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("action",
        "Actions of a follow-up: kind, start, end and result, from closed lists (REC-3).",
        "clspd action add 0193f2a1-… --kind school-support --start 01/09/2026",
        Add(cli), Complete(cli));

    private static Command Add(ClspdCli cli)
    {
        var caseId = new Argument<string>("case-id") { Description = "Case (with a started follow-up)" };
        var kind = Opt.Enum<ActionKind>("--kind", "Kind of action");
        var start = Opt.Date("--start", "Start date", required: true);
        var end = Opt.Date("--end", "End date, if known (not before the start)");
        var result = Opt.Enum<ActionResult>("--result", "Result (default: ongoing)", required: false);
        var consentRevision = Opt.ConsentRevision();
        var requestId = Opt.RequestId();
        var command = Cmd.New("add", "Adds an action to the follow-up of a case (REC-3); prints the action id. A programme action: needs the programme enrolment consent (ACC-3).",
            "clspd action add 0193f2a1-… --kind school-support --start 01/09/2026",
            caseId, kind, start, end, result, consentRevision, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.CaseItems.AddActionAsync(new AddActionRequest
            {
                RequestId = run.RequestId(requestId), CaseId = run.Get(caseId), Kind = run.Get(kind), StartDate = run.Get(start), EndDate = run.Get(end), Result = run.Get(result),
                MinConsentRevision = run.Get(consentRevision),
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out,
                ("Action", reply.ActionId), ("Kind", Fmt.Plain(run.Get(kind))), ("Start", Fmt.Day(run.Get(start))), ("End", Fmt.Day(run.Get(end))),
                ("Result", Fmt.Plain(run.Get(result) == ActionResult.Unspecified ? ActionResult.Ongoing : run.Get(result)))));
        });
        return command;
    }

    private static Command Complete(ClspdCli cli)
    {
        var caseId = new Argument<string>("case-id") { Description = "Case" };
        var actionId = new Argument<string>("action-id") { Description = "Action, from 'clspd action add'" };
        var end = Opt.Date("--end", "End date (not before the start)", required: true);
        var result = Opt.Enum<ActionResult>("--result", "Result (not ongoing)");
        var consentRevision = Opt.ConsentRevision();
        var requestId = Opt.RequestId();
        var command = Cmd.New("complete", "Records the end and result of an action (REC-3). A programme action: needs the programme enrolment consent (ACC-3).",
            "clspd action complete 0193f2a1-… 0193f3c2-… --end 15/12/2026 --result achieved",
            caseId, actionId, end, result, consentRevision, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.CaseItems.CompleteActionAsync(new CompleteActionRequest
            {
                RequestId = run.RequestId(requestId), CaseId = run.Get(caseId), ActionId = run.Get(actionId), EndDate = run.Get(end), Result = run.Get(result),
                MinConsentRevision = run.Get(consentRevision),
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out, ("Action", run.Get(actionId)), ("End", Fmt.Day(run.Get(end))), ("Result", Fmt.Plain(run.Get(result)))));
        });
        return command;
    }
}
