using System.CommandLine;
using Clspd.Cli.Output;
using Clspd.Registry.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd participant: the people of the institutions, their designations and breaches (REG-4, REG-5).</summary>
public static class ParticipantCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("participant",
        "Participants: people of partner institutions and the token subjects they sign in with; their designations; confidentiality breaches (REG-5).",
        "clspd participant designations 0193f2a1-… --history",
        Register(cli), Designations(cli), Breach(cli));

    private static Command Register(ClspdCli cli)
    {
        var name = Opt.Text("--name", "Full name");
        var function = Opt.Text("--function", "Function in their institution, e.g. \"Éducatrice spécialisée\"");
        var institution = Opt.Text("--institution", "Employer institution id");
        var email = Opt.Text("--email", "Professional e-mail");
        var subjects = new Option<string[]>("--subject") { Description = "Token subject they sign in with (repeatable)", Required = true };
        var requestId = Opt.RequestId();
        var command = Cmd.New("register", "Records a participant and the token subjects they sign in with.",
            "clspd participant register --name \"Camille Martin\" --function \"Éducatrice spécialisée\" --institution 0193f2a1-… --email camille.martin@example.org --subject camille",
            name, function, institution, email, subjects, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var request = new RegisterParticipantRequest
            {
                RequestId = run.RequestId(requestId), FullName = run.Get(name), Function = run.Get(function),
                InstitutionId = run.Get(institution), Email = run.Get(email),
            };
            request.Subjects.Add(run.Get(subjects));
            var reply = await run.Api.Registry.RegisterParticipantAsync(request, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out,
                ("Participant", reply.Participant.Id), ("Name", reply.Participant.FullName), ("Function", reply.Participant.Function),
                ("Institution", reply.Participant.InstitutionId), ("E-mail", reply.Participant.Email),
                ("Signs in as", string.Join(", ", reply.Participant.Subjects))));
        });
        return command;
    }

    private static Command Designations(ClspdCli cli)
    {
        var id = new Argument<string>("participant-id") { Description = "Participant id" };
        var at = Opt.Instant("--at", "Instant of validity (default: now)");
        var history = new Option<bool>("--history") { Description = "Every designation ever recorded, revoked and expired ones included (REG-5)" };
        var command = Cmd.New("designations", "Lists the designations of a participant: in force at an instant, or the whole history.",
            "clspd participant designations 0193f2a1-… --history", id, at, history);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Registry.ListParticipantDesignationsAsync(new ListParticipantDesignationsRequest
            {
                ParticipantId = run.Get(id), At = run.Get(at), IncludeHistory = run.Get(history),
            }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                run.Out.WriteLine($"{reply.Participant.FullName}, {reply.Participant.Function}");
                Views.Designations(reply.Designations).WriteTo(run.Out, "(no designation)");
            });
        });
        return command;
    }

    private static Command Breach(ClspdCli cli)
    {
        var id = new Argument<string>("participant-id") { Description = "Participant id" };
        var council = Opt.Text("--council", "Council where the breach is recorded");
        var reason = Opt.Text("--reason", "What happened (no case data)");
        var requestId = Opt.RequestId();
        var command = Cmd.New("breach", "Records a confidentiality breach: every designation of the participant ends now; only a new mayor's order restores them (REG-5).",
            "clspd participant breach 0193f2a1-… --council 0193f2a1-… --reason \"divulgation en dehors du groupe\"", id, council, reason, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Registry.RecordConfidentialityBreachAsync(new RecordConfidentialityBreachRequest
            {
                RequestId = run.RequestId(requestId), ParticipantId = run.Get(id), CouncilId = run.Get(council), Reason = run.Get(reason),
            }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                Table.Fields(run.Out, ("Breach", reply.Breach.Id), ("Recorded", Fmt.When(reply.Breach.RecordedAt)), ("Reason", reply.Breach.Reason),
                    ("Designations ended", reply.EndedDesignations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                run.Out.WriteLine();
                Views.Designations(reply.EndedDesignations).WriteTo(run.Out);
            });
        });
        return command;
    }
}
