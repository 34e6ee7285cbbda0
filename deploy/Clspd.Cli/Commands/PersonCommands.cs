using System.CommandLine;
using System.Globalization;
using Clspd.Cli.Output;
using Clspd.Records.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd person: persons under follow-up, identity limited to the whitelist (REC-1).</summary>
public static class PersonCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("person",
        "Persons under follow-up: only surname, first names, sex, birth date, address, phone and e-mail — for the person and at most two legal representatives — and a school level or professional situation are kept, encrypted per person (REC-1).",
        "clspd person create --council 0193f2a1-… --surname Ferreira --first-names Yanis --sex male --birth-date 14/03/2007",
        Create(cli), Rectify(cli));

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
        var representatives = Representatives();
        var school = Opt.Enum<SchoolLevel>("--school-level", "School level (or --professional-situation, never both)", required: false);
        var situation = Opt.Enum<ProfessionalSituation>("--professional-situation", "Professional situation, for a person no longer at school", required: false);
        var requestId = Opt.RequestId();
        var command = Cmd.New("create", "Records a person and prints the opaque subject reference the other services know them by.",
            "clspd person create --council 0193f2a1-… --surname Ferreira --first-names Yanis --sex male --birth-date 14/03/2007",
            council, surname, firstNames, sex, birthDate, address, phone, email, representatives, school, situation, requestId);
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
                LegalRepresentatives = { run.Get(representatives) ?? [] },
                SchoolLevel = run.Get(school), ProfessionalSituation = run.Get(situation),
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out, ("Subject reference", reply.SubjectRef), ("Revision", reply.Revision.ToString(CultureInfo.InvariantCulture)),
                ("Legal representatives", string.Join(", ", reply.LegalRepresentativeRefs)),
                ("School level", run.Get(school) == SchoolLevel.Unspecified ? "" : Fmt.Plain(run.Get(school))),
                ("Professional situation", run.Get(situation) == ProfessionalSituation.Unspecified ? "" : Fmt.Plain(run.Get(situation)))));
        });
        return command;
    }

    private static Command Rectify(ClspdCli cli)
    {
        var subject = new Argument<string>("subject-ref") { Description = "Subject reference of the person" };
        var surname = Opt.Optional("--surname", "Corrected surname");
        var firstNames = Opt.Optional("--first-names", "Corrected first names");
        var sex = Opt.Enum<Sex>("--sex", "Corrected sex", required: false);
        var birthDate = Opt.Date("--birth-date", "Corrected birth date");
        var address = Opt.Optional("--address", "Corrected postal address");
        var phone = Opt.Optional("--phone", "Corrected phone");
        var email = Opt.Optional("--email", "Corrected e-mail");
        var requestId = Opt.RequestId();
        var command = Cmd.New("rectify",
            "Rectifies the identity on the person's request (REC-10): only the fields given change; the log keeps who, when and which fields, never the values. " +
            "The council's coordinator only; every case of the person is an audited decision.",
            "clspd person rectify S-0193… --address \"4 rue des Lilas, 91100 Villeneuve-sur-Orge\"", subject, surname, firstNames, sex, birthDate, address, phone, email, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var identity = new Identity();
            var fields = new List<string>();
            void Set(string field, string? value, Action<string> apply)
            {
                if (value is not null)
                {
                    apply(value);
                    fields.Add(field);
                }
            }

            Set("surname", run.Get(surname), v => identity.Surname = v);
            Set("first_names", run.Get(firstNames), v => identity.FirstNames = v);
            Set("address", run.Get(address), v => identity.Address = v);
            Set("phone", run.Get(phone), v => identity.Phone = v);
            Set("email", run.Get(email), v => identity.Email = v);
            if (run.Get(sex) != Sex.Unspecified)
            {
                identity.Sex = run.Get(sex);
                fields.Add("sex");
            }

            if (run.Get(birthDate) is { } born)
            {
                identity.BirthDate = born;
                fields.Add("birth_date");
            }

            if (fields.Count == 0)
            {
                throw new CliException(ExitCodes.Usage, "nothing to rectify: give at least one of --surname, --first-names, --sex, --birth-date, --address, --phone, --email");
            }

            var reply = await run.Api.SubjectRights.RectifyIdentityAsync(new RectifyIdentityRequest
            {
                RequestId = run.RequestId(requestId), SubjectRef = run.Get(subject), Identity = identity, Fields = { fields },
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out,
                ("Person", run.Get(subject)), ("Fields rectified", string.Join(", ", reply.Fields.Select(f => f.Replace('_', ' ')))),
                ("Access decisions", string.Join(", ", reply.DecisionIds)),
                ("Logged", "who, when and which fields — never the old or new values (REC-10)")));
        });
        return command;
    }

    /// <summary>--representative "surname=Dupont;first-names=Marc;phone=0600000000", up to two (REC-1: no birth date for them).</summary>
    private static Option<Identity[]> Representatives() => new("--representative")
    {
        Description = "A legal representative, at most two (repeat the option): \"surname=…;first-names=…[;sex=female|male][;phone=…][;email=…][;address=…]\"",
        HelpName = "surname=…;first-names=…",
        CustomParser = result =>
        {
            var list = new List<Identity>();
            foreach (var token in result.Tokens)
            {
                var identity = new Identity();
                foreach (var part in token.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    var (key, value) = part.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? (part[..at].Trim(), part[(at + 1)..].Trim()) : (part, "");
                    switch (key)
                    {
                        case "surname": identity.Surname = value; break;
                        case "first-names": identity.FirstNames = value; break;
                        case "phone": identity.Phone = value; break;
                        case "email": identity.Email = value; break;
                        case "address": identity.Address = value; break;
                        case "sex" when value is "female" or "male": identity.Sex = value == "female" ? Sex.Female : Sex.Male; break;
                        default:
                            result.AddError($"--representative: '{part}' is not one of surname=, first-names=, sex=female|male, phone=, email=, address= (REC-1: nothing else is kept)");
                            break;
                    }
                }

                if (identity.Surname.Length == 0 || identity.FirstNames.Length == 0)
                {
                    result.AddError($"--representative: '{token.Value}' needs surname= and first-names=");
                }

                list.Add(identity);
            }

            return [.. list];
        },
    };
}
