using System.CommandLine;
using Clspd.Cli.Output;
using Clspd.Consent.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd subject: what consent knows of a person — an opaque reference, minority, representatives, groups.</summary>
public static class SubjectCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("subject",
        "Persons as the consent service knows them: the opaque subject reference, until when they are a minor, their legal representatives' references and groups. Never a name.",
        "clspd subject get S-0193…",
        Put(cli), Get(cli));

    private static Command Put(ClspdCli cli)
    {
        var subject = new Argument<string>("subject-ref") { Description = "Subject reference issued by records" };
        var minorUntil = Opt.Date("--minor-until", "The 18th birthday (for a minor)");
        var representatives = new Option<string[]>("--representative") { Description = "Reference of a legal representative (repeatable)" };
        var groups = new Option<string[]>("--group") { Description = "Group id the situation is followed in (repeatable)" };
        var requestId = Opt.RequestId();
        var command = Cmd.New("put", "Registers (or replaces) a subject with consent.",
            "clspd subject put S-0193… --minor-until 17/04/2029 --representative lr-mere --representative lr-pere --group 0193f2a1-…",
            subject, minorUntil, representatives, groups, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var request = new PutSubjectRequest { RequestId = run.RequestId(requestId), SubjectRef = run.Get(subject), MinorUntil = run.Get(minorUntil) };
            request.LegalRepresentativeRefs.Add(run.Get(representatives) ?? []);
            request.GroupIds.Add(run.Get(groups) ?? []);
            var reply = await run.Api.Subjects.PutSubjectAsync(request, cancellationToken: ct);
            run.Show(reply, () => Show(run.Out, reply.Subject));
        });
        return command;
    }

    private static Command Get(ClspdCli cli)
    {
        var subject = new Argument<string>("subject-ref") { Description = "Subject reference" };
        var command = Cmd.New("get", "Shows what consent knows of a subject.", "clspd subject get S-0193…", subject);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Subjects.GetSubjectAsync(new GetSubjectRequest { SubjectRef = run.Get(subject) }, cancellationToken: ct);
            run.Show(reply, () => Show(run.Out, reply.Subject));
        });
        return command;
    }

    private static void Show(TextWriter writer, Subject subject) => Table.Fields(writer,
        ("Subject", subject.SubjectRef),
        ("Minor until", subject.MinorUntil is null ? "(adult)" : Fmt.Day(subject.MinorUntil)),
        ("Legal representatives", string.Join(", ", subject.LegalRepresentativeRefs)),
        ("Groups", string.Join(", ", subject.GroupIds)),
        ("Updated", Fmt.When(subject.UpdatedAt)));
}
