using System.CommandLine;
using Clspd.Cli.Output;
using Clspd.Registry.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd group: the bodies of a council — working groups and the CDDF (REG-2), who sits in them (REG-7).</summary>
public static class GroupCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("group",
        "Bodies of a council: territorial, thematic and operational groups, the CDDF; plenary and restricted formations hold no cases (REG-2).",
        "clspd group participants 0193f2a1-…",
        Create(cli), Get(cli), Close(cli), Participants(cli));

    private static Command Create(ClspdCli cli)
    {
        var council = Opt.Text("--council", "Council id");
        var name = Opt.Text("--name", "Display name, e.g. \"Groupe territorial Centre\"");
        var kind = Opt.Enum<GroupKind>("--kind", "Kind of body");
        var requestId = Opt.RequestId();
        var command = Cmd.New("create", "Creates a body of a council (REG-2).",
            "clspd group create --council 0193f2a1-… --name \"Groupe territorial Centre\" --kind territorial", council, name, kind, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Registry.CreateGroupAsync(new CreateGroupRequest
            {
                RequestId = run.RequestId(requestId), CouncilId = run.Get(council), Name = run.Get(name), Kind = run.Get(kind),
            }, cancellationToken: ct);
            run.Show(reply, () => Views.Group(run.Out, reply.Group));
        });
        return command;
    }

    private static Command Get(ClspdCli cli)
    {
        var id = new Argument<string>("group-id") { Description = "Group id" };
        var command = Cmd.New("get", "Shows a body of a council.", "clspd group get 0193f2a1-…", id);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Registry.GetGroupAsync(new GetGroupRequest { GroupId = run.Get(id) }, cancellationToken: ct);
            run.Show(reply, () => Views.Group(run.Out, reply.Group));
        });
        return command;
    }

    private static Command Close(ClspdCli cli)
    {
        var id = new Argument<string>("group-id") { Description = "Group id" };
        var reason = Opt.Text("--reason", "Why the body closes; becomes the revocation reason of its designations");
        var requestId = Opt.RequestId();
        var command = Cmd.New("close", "Closes a body: its designations end now (history is kept) and it takes no new ones.",
            "clspd group close 0193f2a1-… --reason \"fusion avec le groupe Nord\"", id, reason, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Registry.CloseGroupAsync(new CloseGroupRequest
            {
                RequestId = run.RequestId(requestId), GroupId = run.Get(id), Reason = run.Get(reason),
            }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                Views.Group(run.Out, reply.Group);
                run.Out.WriteLine();
                run.Out.WriteLine($"Designations ended: {reply.EndedDesignations.Count}");
                Views.Designations(reply.EndedDesignations).WriteTo(run.Out);
            });
        });
        return command;
    }

    private static Command Participants(ClspdCli cli)
    {
        var id = new Argument<string>("group-id") { Description = "Group id" };
        var at = Opt.Instant("--at", "Instant of validity (default: now)");
        var command = Cmd.New("participants", "Lists who is designated in a body: name, institution, role, validity (REG-7 transparency).",
            "clspd group participants 0193f2a1-… --at \"15/12/2026\"", id, at);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Registry.ListGroupParticipantsAsync(new ListGroupParticipantsRequest { GroupId = run.Get(id), At = run.Get(at) }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                run.Out.WriteLine($"{reply.Group.Name} ({Fmt.Plain(reply.Group.Kind)})");
                Views.GroupParticipants(reply.Participants).WriteTo(run.Out, "(nobody designated)");
            });
        });
        return command;
    }
}
