using System.CommandLine;
using Clspd.Cli.Output;
using Clspd.Registry.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd meeting: dated meetings of a group and who attends them (REG-4, REG-7).</summary>
public static class MeetingCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("meeting",
        "Meetings of a group: schedule them, list them, see who attends (REG-4, REG-7).",
        "clspd meeting list --group 0193f2a1-…",
        Schedule(cli), List(cli), Attendees(cli));

    private static Command Schedule(ClspdCli cli)
    {
        var group = Opt.Text("--group", "Group id");
        var date = Opt.Date("--date", "Date of the meeting", required: true);
        var place = Opt.Text("--place", "Place, e.g. \"Mairie, salle du conseil\"");
        var requestId = Opt.RequestId();
        var command = Cmd.New("schedule", "Schedules a meeting of a group.",
            "clspd meeting schedule --group 0193f2a1-… --date 03/12/2026 --place \"Mairie, salle du conseil\"", group, date, place, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Registry.ScheduleMeetingAsync(new ScheduleMeetingRequest
            {
                RequestId = run.RequestId(requestId), GroupId = run.Get(group), Date = run.Get(date), PlaceLabel = run.Get(place),
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out,
                ("Meeting", reply.Meeting.Id), ("Group", reply.Meeting.GroupId), ("Date", Fmt.Day(reply.Meeting.Date)), ("Place", reply.Meeting.PlaceLabel)));
        });
        return command;
    }

    private static Command List(ClspdCli cli)
    {
        var group = Opt.Text("--group", "Group id");
        var command = Cmd.New("list", "Lists the meetings of a group, by date.", "clspd meeting list --group 0193f2a1-…", group);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Registry.ListMeetingsAsync(new ListMeetingsRequest { GroupId = run.Get(group) }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                var table = new Table("Meeting", "Date", "Place", "Scheduled");
                foreach (var m in reply.Meetings)
                {
                    table.Add(m.Id, Fmt.Day(m.Date), m.PlaceLabel, Fmt.When(m.CreatedAt));
                }

                table.WriteTo(run.Out, "(no meeting)");
            });
        });
        return command;
    }

    private static Command Attendees(ClspdCli cli)
    {
        var id = new Argument<string>("meeting-id") { Description = "Meeting id" };
        var command = Cmd.New("attendees", "Lists who attends a meeting: the group's participants on that day and its occasional attendees (REG-7).",
            "clspd meeting attendees 0193f2a1-…", id);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Registry.ListMeetingAttendeesAsync(new ListMeetingAttendeesRequest { MeetingId = run.Get(id) }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                run.Out.WriteLine($"Meeting of {Fmt.Day(reply.Meeting.Date)}, {reply.Meeting.PlaceLabel}");
                Views.GroupParticipants(reply.Attendees).WriteTo(run.Out, "(nobody)");
            });
        });
        return command;
    }
}
