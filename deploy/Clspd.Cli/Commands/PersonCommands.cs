using System.CommandLine;
using System.Globalization;
using Clspd.Cli.Output;
using Clspd.Records.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd person: persons under follow-up, identity limited to the whitelist (REC-1).</summary>
public static class PersonCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("person",
        "Persons under follow-up: only surname, first names, sex, birth date, address, phone and e-mail are kept, encrypted per person (REC-1).",
        "clspd person create --council 0193f2a1-… --surname Ferreira --first-names Yanis --sex male --birth-date 14/03/2007",
        Create(cli));

    private static Command Create(ClspdCli cli)
    {
        var council = Opt.Text("--council", "Council the person is followed in");
        var surname = Opt.Text("--surname", "Surname");
        var firstNames = Opt.Text("--first-names", "First names");
        var sex = Opt.Enum<Sex>("--sex", "Sex");
        var birthDate = Opt.Date("--birth-date", "Birth date (followed from 12 to 25, REC-4)", required: true);
        var address = Opt.Optional("--address", "Postal address");
        var phone = Opt.Optional("--phone", "Phone");
        var email = Opt.Optional("--email", "E-mail");
        var requestId = Opt.RequestId();
        var command = Cmd.New("create", "Records a person and prints the opaque subject reference the other services know them by.",
            "clspd person create --council 0193f2a1-… --surname Ferreira --first-names Yanis --sex male --birth-date 14/03/2007",
            council, surname, firstNames, sex, birthDate, address, phone, email, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Records.CreatePersonAsync(new CreatePersonRequest
            {
                RequestId = run.RequestId(requestId), CouncilId = run.Get(council),
                Identity = new Identity
                {
                    Surname = run.Get(surname), FirstNames = run.Get(firstNames), Sex = run.Get(sex), BirthDate = run.Get(birthDate),
                    Address = run.Get(address) ?? "", Phone = run.Get(phone) ?? "", Email = run.Get(email) ?? "",
                },
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out, ("Subject reference", reply.SubjectRef), ("Revision", reply.Revision.ToString(CultureInfo.InvariantCulture))));
        });
        return command;
    }
}
