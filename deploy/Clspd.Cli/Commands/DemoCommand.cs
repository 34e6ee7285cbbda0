using System.CommandLine;
using Clspd.Cli.Demo;
using Clspd.Cli.Output;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults.Auth;
using Google.Protobuf.WellKnownTypes;

namespace Clspd.Cli.Commands;

/// <summary>clspd demo: builds a realistic commune on the local stack and tells a short story of who may see what.</summary>
public static class DemoCommand
{
    public static Command Build(ClspdCli cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var seedOnly = new Option<bool>("--seed-only") { Description = "Stop after building the data" };
        var tag = Opt.Optional("--tag", "Build another commune beside an existing one: its participants sign in as <name>.<tag>");
        var command = Cmd.New("demo",
            "On the local stack (it mints tokens from <data>/issuer.pem): builds the CLSPD of Villeneuve-sur-Orge — a territorial and an operational group, a CDDF, " +
            "eight institutions including the police and a specialised-prevention association, the charter, designations, a published notice, a dozen young people " +
            "with cases, referrals, informing and decisions (one refusal, one withdrawal), a follow-up with an action and an information item — then shows, step by step, " +
            "which access is allowed or refused and why, opens an archived case with a typed reason, holds a meeting (agenda, decisions, closing that purges the working sheets), " +
            "moves a case from the CDDF to a CLSPD group with a reason, exports a person's file with who accessed it, shows the council's statistics, produces the year's charter-application report, and verifies the audit trail.",
            "clspd demo", seedOnly, tag);
        cli.Runs(command, async (run, ct) =>
        {
            var suffix = run.Get(tag) is { Length: > 0 } t ? t : "";
            var world = new World { Tag = suffix };
            foreach (var member in Cast.Members)
            {
                world.Subjects[member.Key] = suffix.Length == 0 ? member.Subject : $"{member.Subject}.{suffix}";
            }

            var keyFile = Path.Combine(run.DataDirectory, LocalIssuer.PrivateKeyFileName);
            if (!File.Exists(keyFile))
            {
                throw new CliException(ExitCodes.Denied, $"the demo runs on the local stack and mints its tokens from {keyFile}, which does not exist: start the stack (dotnet run --project deploy/Clspd.Local) or pass --data DIR");
            }

            using var issuer = LocalIssuer.Load(keyFile);
            Connection Connect(string subject) => run.As(subject, issuer.Mint(subject, TimeSpan.FromHours(1)));

            var existing = await Connect("admin").Registry.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest { Subject = world.Subjects["ville"] }, cancellationToken: ct);
            if (existing.Participant is not null)
            {
                throw new CliException(ExitCodes.Rule,
                    $"this stack already holds the demo commune ({world.Subjects["ville"]} is registered): start from an empty data directory, or pass --tag NAME to build another one beside it");
            }

            if (!run.Json)
            {
                run.Out.WriteLine($"Building {Cast.CouncilName}: 3 bodies, {Cast.Members.Length} institutions, {Cast.Persons.Length} young people…");
            }

            await new Seeder(run, Connect, world).SeedAsync(ct);
            if (!run.Json)
            {
                Summary(run, world);
            }

            var story = new Story(run, Connect, world);
            if (!run.Get(seedOnly))
            {
                if (!run.Json)
                {
                    run.Out.WriteLine();
                    run.Out.WriteLine("The story");
                    run.Out.WriteLine("---------");
                }

                await story.TellAsync(ct);
            }

            if (run.Json)
            {
                run.Out.WriteLine(JsonOut.Format(Manifest(world, story)));
            }
            else
            {
                run.Out.WriteLine($"Try it yourself: clspd login --as {world.Subjects["relais"]} && clspd case get {world.Person("Ferreira").CaseId} --named");
            }
        });
        return command;
    }

    private static void Summary(Run run, World world)
    {
        run.Out.WriteLine();
        Table.Fields(run.Out, ("Council", $"{world.CouncilId} ({Cast.CouncilName}, INSEE {Cast.Insee})"), ("Notice", world.NoticeId + " (published, version 1)"));
        run.Out.WriteLine();
        var groups = new Table("Body", "Kind", "Id");
        foreach (var (key, name, kind) in Cast.Groups)
        {
            groups.Add(name, Fmt.Plain(kind), world.GroupIds[key]);
        }

        groups.WriteTo(run.Out);
        run.Out.WriteLine();
        var people = new Table("Participant", "Institution", "Kind", "Role", "Bodies", "Signs in as");
        foreach (var m in Cast.Members)
        {
            people.Add($"{m.Name}, {m.Function}", m.Institution, Fmt.Plain(m.Kind), Fmt.Plain(m.Role),
                string.Join(", ", m.Groups.Select(g => Cast.Groups.Single(x => x.Key == g).Name)), world.Subjects[m.Key]);
        }

        people.WriteTo(run.Out);
        run.Out.WriteLine("Camille Martin is also the path referent of Yanis Ferreira's case: she follows him in a professional integration programme,");
        run.Out.WriteLine("with a training action and a confidential information item she attests is not secret (REC-3, REC-5).");
        run.Out.WriteLine();
        var persons = new Table("Young person", "Age", "Body", "Case code", "Case", "Referred by", "Reason", "Named discussion");
        foreach (var p in world.Persons)
        {
            persons.Add(p.Young.Name, p.Young.Age.ToString(System.Globalization.CultureInfo.InvariantCulture) + (p.Young.Representatives > 0 ? $" ({p.Young.Representatives} legal repr.)" : ""),
                Cast.Groups.Single(g => g.Key == p.Young.Group).Name, p.CaseCode, p.CaseId, Fmt.Plain(p.Young.Origin), Fmt.Plain(p.Young.Reason), p.Young.Consent switch
                {
                    ConsentChoice.Refused => "refused",
                    ConsentChoice.Withdrawn => "consented, then withdrew",
                    _ => "consented",
                });
        }

        persons.WriteTo(run.Out);
    }

    private static Struct Manifest(World world, Story story)
    {
        var persons = world.Persons.Select(p => Obj.Of(("name", p.Young.Name), ("subjectRef", p.SubjectRef), ("caseId", p.CaseId), ("caseCode", p.CaseCode),
            ("groupId", p.GroupId), ("consent", p.Young.Consent.ToString().ToLowerInvariant()), ("consentRevision", p.ConsentRevision),
            ("referralId", p.ReferralId), ("referralOrigin", Opt.Token(p.Young.Origin)), ("referralReason", Opt.Token(p.Young.Reason)))).ToList();
        var participants = Cast.Members.Select(m => Obj.Of(("key", m.Key), ("name", m.Name), ("subject", world.Subjects[m.Key]),
            ("participantId", world.ParticipantIds[m.Key]), ("institutionId", world.InstitutionIds[m.Key]), ("kind", m.Kind.ToString()))).ToList();
        var groups = new Struct();
        foreach (var (key, id) in world.GroupIds)
        {
            groups.Fields[key] = Value.ForString(id);
        }

        return Obj.Of(("councilId", world.CouncilId), ("noticeId", world.NoticeId), ("charterVersion", Seeder.CharterVersion), ("groups", groups),
            ("participants", participants), ("persons", persons),
            ("followUp", Obj.Of(("caseId", world.FollowUp.CaseId), ("actionId", world.FollowUp.ActionId), ("itemId", world.FollowUp.ItemId))),
            ("story", story.Steps.ToList()));
    }
}
