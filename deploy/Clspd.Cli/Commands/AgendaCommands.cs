using System.CommandLine;
using System.Globalization;
using Clspd.Cli.Output;
using Clspd.Records.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd agenda: a meeting's agenda of cases with working sheets, the decision per case, and the closing that purges the sheets (REC-9).</summary>
public static class AgendaCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("agenda",
        "The records side of a meeting (schedule it with 'clspd meeting schedule'): put cases on its agenda with a working sheet, record the decision taken for each, " +
        "then close it — the agenda and the working sheets are purged, only the decisions per case stay (REC-9).",
        "clspd agenda add --meeting 0193f2a1-… --group 0193f2a1-… --case 0193f2a1-… --sheet \"Point sur l'assiduité\"",
        Add(cli), Decide(cli), Close(cli));

    private static Command Add(ClspdCli cli)
    {
        var meeting = Opt.Text("--meeting", "Meeting id (from 'clspd meeting schedule' or 'meeting list')");
        var group = Opt.Text("--group", "Group of the meeting, which holds the case");
        var caseId = Opt.Text("--case", "Active case of that group");
        var sheet = Opt.Optional("--sheet", "Working sheet for the discussion, at most 500 characters; kept sealed and purged after the meeting (REC-9)");
        var sheetFile = Opt.Optional("--sheet-file", "Read the working sheet from this UTF-8 text file instead");
        var requestId = Opt.RequestId();
        var command = Cmd.New("add", "Puts an active case of the meeting's group on its agenda, with an optional working sheet; refused after the meeting day or once it is closed (REC-9).",
            "clspd agenda add --meeting 0193f2a1-… --group 0193f2a1-… --case 0193f2a1-… --sheet \"Point sur l'assiduité\"", meeting, group, caseId, sheet, sheetFile, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var text = run.Get(sheet) ?? "";
            if (run.Get(sheetFile) is { } path)
            {
                if (text.Length > 0)
                {
                    throw new CliException(ExitCodes.Usage, "--sheet and --sheet-file: give one or the other");
                }

                text = ReadFile(path, "--sheet-file");
            }

            var reply = await run.Api.Meetings.AddToAgendaAsync(new AddToAgendaRequest
            {
                RequestId = run.RequestId(requestId), MeetingId = run.Get(meeting), GroupId = run.Get(group), CaseId = run.Get(caseId), Sheet = text,
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out,
                ("Meeting", run.Get(meeting)), ("Case", run.Get(caseId)),
                ("Working sheet", text.Length == 0 ? "none" : $"{text.Length} characters, purged when the meeting closes (REC-9)"),
                ("Cases on the agenda", reply.AgendaSize.ToString(CultureInfo.InvariantCulture))));
        });
        return command;
    }

    private static Command Decide(ClspdCli cli)
    {
        var meeting = Opt.Text("--meeting", "Meeting id");
        var group = Opt.Text("--group", "Group of the meeting");
        var caseId = Opt.Text("--case", "Case on the agenda");
        var decision = Opt.Enum<MeetingDecision>("--decision",
            "The decision: continue-follow-up (as it is), adjust-actions, propose-closure (of the follow-up), postpone (discuss again at a later meeting)");
        var requestId = Opt.RequestId();
        var command = Cmd.New("decide", "Records the decision taken for a case on the agenda, on or after the meeting day; decisions stay after the meeting closes (REC-9).",
            "clspd agenda decide --meeting 0193f2a1-… --group 0193f2a1-… --case 0193f2a1-… --decision adjust-actions", meeting, group, caseId, decision, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Meetings.RecordMeetingDecisionAsync(new RecordMeetingDecisionRequest
            {
                RequestId = run.RequestId(requestId), MeetingId = run.Get(meeting), GroupId = run.Get(group), CaseId = run.Get(caseId), Decision = run.Get(decision),
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out,
                ("Decision", reply.DecisionId), ("Meeting", run.Get(meeting)), ("Case", run.Get(caseId)), ("Decided", Fmt.Plain(run.Get(decision)))));
        });
        return command;
    }

    private static Command Close(ClspdCli cli)
    {
        var meeting = Opt.Text("--meeting", "Meeting id");
        var group = Opt.Text("--group", "Group of the meeting");
        var requestId = Opt.RequestId();
        var command = Cmd.New("close", "Closes the meeting (on or after its day): its agenda and working sheets are purged, the decisions per case stay (REC-9).",
            "clspd agenda close --meeting 0193f2a1-… --group 0193f2a1-…", meeting, group, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Meetings.CloseMeetingAsync(new CloseMeetingRequest
            {
                RequestId = run.RequestId(requestId), MeetingId = run.Get(meeting), GroupId = run.Get(group),
            }, cancellationToken: ct);
            run.Show(reply, () => new Table("Done", "Count", "Rule")
                .Add("agenda entries and working sheets purged", reply.AgendaItemsPurged.ToString(CultureInfo.InvariantCulture), "REC-9")
                .Add("decisions kept", reply.DecisionsKept.ToString(CultureInfo.InvariantCulture), "REC-9")
                .WriteTo(run.Out));
        });
        return command;
    }

    public static string ReadFile(string path, string option)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"{option}: cannot read '{path}' ({ex.Message})");
        }
    }
}
