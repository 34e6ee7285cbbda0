using System.CommandLine;
using Clspd.Cli.Output;
using Clspd.Registry.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd institution: partner institutions, the employers of participants (REG-3, REG-6).</summary>
public static class InstitutionCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("institution",
        "Partner institutions (employers of participants); police, gendarmerie and municipal services not in charge never receive named data (REG-6).",
        "clspd institution create --name \"Association Le Relais\" --kind specialised-prevention",
        Create(cli));

    private static Command Create(ClspdCli cli)
    {
        var name = Opt.Text("--name", "Name of the institution");
        var kind = Opt.Enum<InstitutionKind>("--kind", "Kind of institution");
        var siret = Opt.Optional("--siret", "SIRET (14 digits)");
        var requestId = Opt.RequestId();
        var command = Cmd.New("create", "Records a partner institution with its kind.",
            "clspd institution create --name \"Association Le Relais\" --kind specialised-prevention", name, kind, siret, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Registry.CreateInstitutionAsync(new CreateInstitutionRequest
            {
                RequestId = run.RequestId(requestId), Name = run.Get(name), Kind = run.Get(kind), Siret = run.Get(siret) ?? "",
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out,
                ("Institution", reply.Institution.Id), ("Name", reply.Institution.Name), ("Kind", Fmt.Plain(reply.Institution.Kind)),
                ("SIRET", reply.Institution.Siret),
                ("Named data", reply.Institution.NonNominative ? "never (REG-6, ACC-2)" : "with consent, when designated")));
        });
        return command;
    }
}
