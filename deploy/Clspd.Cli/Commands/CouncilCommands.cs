using System.CommandLine;
using Clspd.Cli.Output;
using Clspd.Registry.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd council: councils (CLSPD, CISPD) and their officers (REG-1).</summary>
public static class CouncilCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("council",
        "Councils (CLSPD or CISPD), their controller (the mayor) and coordinator (REG-1).",
        "clspd council get 0193f2a1-…",
        Create(cli), Get(cli), SetOfficer(cli), Officers(cli));

    private static Command Create(ClspdCli cli)
    {
        var name = Opt.Text("--name", "Display name, e.g. \"CLSPD de Villeneuve\"");
        var kind = Opt.Enum<CouncilKind>("--kind", "Kind of council", required: false);
        kind.DefaultValueFactory = _ => CouncilKind.Clspd;
        var insee = new Option<string[]>("--insee") { Description = "INSEE code of a commune covered (repeat for a CISPD)", Required = true, AllowMultipleArgumentsPerToken = true };
        var mayor = Opt.Optional("--controller", "Controller of the processing: the mayor (may be named later)");
        var coordinator = Opt.Optional("--coordinator", "Coordinator, the mayor's designee (may be named later)");
        var requestId = Opt.RequestId();
        var command = Cmd.New("create", "Creates a council; it may process named data once its controller and coordinator are named (REG-1).",
            "clspd council create --name \"CLSPD de Villeneuve\" --insee 94079 --controller \"Jeanne Martin, maire\" --coordinator \"Inès Robert\"",
            name, kind, insee, mayor, coordinator, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var request = new CreateCouncilRequest
            {
                RequestId = run.RequestId(requestId), Name = run.Get(name), Kind = run.Get(kind),
                ControllerName = run.Get(mayor) ?? "", CoordinatorName = run.Get(coordinator) ?? "",
            };
            request.CommuneInseeCodes.Add(run.Get(insee));
            var reply = await run.Api.Registry.CreateCouncilAsync(request, cancellationToken: ct);
            run.Show(reply, () => Views.Council(run.Out, reply.Council));
        });
        return command;
    }

    private static Command Get(ClspdCli cli)
    {
        var id = new Argument<string>("council-id") { Description = "Council id" };
        var command = Cmd.New("get", "Shows a council and whether it may process named data (REG-1).", "clspd council get 0193f2a1-…", id);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Registry.GetCouncilAsync(new GetCouncilRequest { CouncilId = run.Get(id) }, cancellationToken: ct);
            run.Show(reply, () => Views.Council(run.Out, reply.Council));
        });
        return command;
    }

    private static Command SetOfficer(ClspdCli cli)
    {
        var id = new Argument<string>("council-id") { Description = "Council id" };
        var office = Opt.Enum<CouncilOffice>("--office", "Which office");
        var name = Opt.Text("--name", "Name of the new officer");
        var reason = Opt.Optional("--reason", "Why it changes, e.g. \"élections municipales de mars 2026\"");
        var requestId = Opt.RequestId();
        var command = Cmd.New("set-officer", "Names or replaces the controller or the coordinator; the change is kept in history (REG-1).",
            "clspd council set-officer 0193f2a1-… --office coordinator --name \"Inès Robert\" --reason \"arrêté 2026-12\"",
            id, office, name, reason, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Registry.SetCouncilOfficerAsync(new SetCouncilOfficerRequest
            {
                RequestId = run.RequestId(requestId), CouncilId = run.Get(id), Office = run.Get(office), Name = run.Get(name), Reason = run.Get(reason) ?? "",
            }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                run.Out.WriteLine($"{Fmt.Plain(reply.Change.Office)}: {(reply.Change.PreviousName.Length == 0 ? "(vacant)" : reply.Change.PreviousName)} → {reply.Change.NewName}");
                Views.Council(run.Out, reply.Council);
            });
        });
        return command;
    }

    private static Command Officers(ClspdCli cli)
    {
        var id = new Argument<string>("council-id") { Description = "Council id" };
        var command = Cmd.New("officers", "Lists every change of controller and coordinator, oldest first (REG-1).", "clspd council officers 0193f2a1-…", id);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Registry.ListCouncilOfficerChangesAsync(new ListCouncilOfficerChangesRequest { CouncilId = run.Get(id) }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                var table = new Table("When", "Office", "Previous", "New", "Reason", "By", "Ready");
                foreach (var c in reply.Changes)
                {
                    table.Add(Fmt.When(c.ChangedAt), Fmt.Plain(c.Office), c.PreviousName, c.NewName, c.Reason, c.ChangedBy, Fmt.YesNo(c.ReadyForNominativeProcessing));
                }

                table.WriteTo(run.Out);
            });
        });
        return command;
    }
}
