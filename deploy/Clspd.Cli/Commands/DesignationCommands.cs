using System.CommandLine;
using Clspd.Cli.Output;
using Clspd.Registry.V1;
using Google.Protobuf.WellKnownTypes;

namespace Clspd.Cli.Commands;

/// <summary>clspd designation: the mayor's orders naming one person in one group with one role (REG-4), revocation (REG-5).</summary>
public static class DesignationCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("designation",
        "Designations by the mayor's order: one participant, one group, one role, one validity period (REG-4); revocation (REG-5).",
        "clspd designation of camille",
        Create(cli), Revoke(cli), OfSubject(cli));

    private static Command Create(ClspdCli cli)
    {
        var participant = Opt.Text("--participant", "Participant id");
        var group = Opt.Text("--group", "Group id");
        var role = Opt.Enum<Role>("--role", "Role");
        var order = Opt.Text("--order", "Number of the mayor's order, e.g. 2026-114");
        var orderDate = Opt.Date("--order-date", "Date the order was signed", required: true);
        var signedBy = Opt.Text("--signed-by", "Who signed the order, e.g. \"Le maire, Jeanne Martin\"");
        var from = Opt.Instant("--from", "Start of validity (default: now)");
        var to = Opt.Instant("--to", "End of validity, exclusive (default: one year after the start)");
        var meeting = Opt.Optional("--meeting", "Meeting id (occasional attendee)");
        var caseRef = Opt.Optional("--case", "Case id (path referent)");
        var measure = Opt.Optional("--measure", "Measure reference (measure implementer)");
        var requestId = Opt.RequestId();
        var command = Cmd.New("create",
            "Designates one participant in one group with one role by a mayor's order (REG-4). Police, gendarmerie and municipal services not in charge get a REG-6 warning; a missing charter signature or acceptance is refused (REG-3).",
            "clspd designation create --participant 0193f2a1-… --group 0193f2a1-… --role group-member --order 2026-114 --order-date 25/11/2026 --signed-by \"Le maire, Jeanne Martin\"",
            participant, group, role, order, orderDate, signedBy, from, to, meeting, caseRef, measure, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var start = run.Get(from) ?? Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
            var end = run.Get(to) ?? Timestamp.FromDateTimeOffset(start.ToDateTimeOffset().AddYears(1));
            var reply = await run.Api.Registry.DesignateAsync(new DesignateRequest
            {
                RequestId = run.RequestId(requestId), ParticipantId = run.Get(participant), GroupId = run.Get(group), Role = run.Get(role),
                Order = new MayorOrder { Number = run.Get(order), Date = run.Get(orderDate), SignedBy = run.Get(signedBy) },
                ValidFrom = start, ValidTo = end, MeetingId = run.Get(meeting) ?? "", CaseRef = run.Get(caseRef) ?? "", MeasureRef = run.Get(measure) ?? "",
            }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                foreach (var warning in reply.Warnings)
                {
                    run.Out.WriteLine($"warning: {warning}");
                }

                Views.Designations([reply.Designation]).WriteTo(run.Out);
            });
        });
        return command;
    }

    private static Command Revoke(ClspdCli cli)
    {
        var id = new Argument<string>("designation-id") { Description = "Designation id" };
        var reason = Opt.Text("--reason", "Why");
        var requestId = Opt.RequestId();
        var command = Cmd.New("revoke", "Revokes one designation now, with a reason; it stays in history (REG-5).",
            "clspd designation revoke 0193f2a1-… --reason \"fin de mission\"", id, reason, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Registry.RevokeDesignationAsync(new RevokeDesignationRequest
            {
                RequestId = run.RequestId(requestId), DesignationId = run.Get(id), Reason = run.Get(reason),
            }, cancellationToken: ct);
            run.Show(reply, () => Views.Designations([reply.Designation]).WriteTo(run.Out));
        });
        return command;
    }

    private static Command OfSubject(ClspdCli cli)
    {
        var subject = new Argument<string>("subject") { Description = "Token subject of the participant" };
        var at = Opt.Instant("--at", "Instant of validity (default: now)");
        var command = Cmd.New("of", "Lists the designations in force of the participant a token subject belongs to (what the access service decides with).",
            "clspd designation of camille", subject, at);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Registry.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest { Subject = run.Get(subject), At = run.Get(at) }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                run.Out.WriteLine(reply.Participant is null ? $"{run.Get(subject)}: not a registered participant" : $"{reply.Participant.FullName}, {reply.Participant.Function}");
                Views.Designations(reply.Designations).WriteTo(run.Out, "(no designation in force)");
            });
        });
        return command;
    }
}
