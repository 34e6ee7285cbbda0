using System.CommandLine;
using System.Security.Cryptography;
using Clspd.Cli.Output;
using Clspd.Registry.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd charter: the ethics charter of a council — versions, institutions' signatures, personal acceptances (REG-3).</summary>
public static class CharterCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("charter",
        "The council's ethics charter: versions, institutions' signatures, participants' personal acceptances (REG-3).",
        "clspd charter status --council 0193f2a1-… --participant 0193f2a1-…",
        Publish(cli), List(cli), Sign(cli), Accept(cli), Status(cli));

    private static Command Publish(ClspdCli cli)
    {
        var council = Opt.Text("--council", "Council id");
        var version = Opt.Text("--version", "Version id, e.g. 2026-1");
        var date = Opt.Date("--date", "Date of the charter text", required: true);
        var file = Opt.Optional("--file", "The charter text (its SHA-256 is recorded)");
        var sha = Opt.Optional("--sha256", "SHA-256 of the text, 64 hex digits (instead of --file)");
        var requestId = Opt.RequestId();
        var command = Cmd.New("publish", "Publishes a charter version; it becomes current and earlier signatures no longer suffice (REG-3).",
            "clspd charter publish --council 0193f2a1-… --version 2026-1 --date 02/11/2026 --file charte-2026.pdf", council, version, date, file, sha, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var hash = run.Get(sha) ?? (run.Get(file) is { } path
                ? File.Exists(path) ? Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path, ct))) : throw new CliException(ExitCodes.Usage, $"--file: {path} does not exist")
                : throw new CliException(ExitCodes.Usage, "give the charter text with --file, or its hash with --sha256"));
            var reply = await run.Api.Charter.PublishCharterVersionAsync(new PublishCharterVersionRequest
            {
                RequestId = run.RequestId(requestId), CouncilId = run.Get(council), Version = run.Get(version), Date = run.Get(date), TextSha256 = hash,
            }, cancellationToken: ct);
            run.Show(reply, () => Versions([reply.CharterVersion]).WriteTo(run.Out));
        });
        return command;
    }

    private static Command List(ClspdCli cli)
    {
        var council = Opt.Text("--council", "Council id");
        var command = Cmd.New("list", "Lists the charter versions of a council; the last one is current.", "clspd charter list --council 0193f2a1-…", council);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Charter.ListCharterVersionsAsync(new ListCharterVersionsRequest { CouncilId = run.Get(council) }, cancellationToken: ct);
            run.Show(reply, () => Versions(reply.Versions).WriteTo(run.Out, "(no charter published)"));
        });
        return command;
    }

    private static Command Sign(ClspdCli cli)
    {
        var council = Opt.Text("--council", "Council id");
        var version = Opt.Text("--version", "Charter version signed");
        var institution = Opt.Text("--institution", "Institution id");
        var signedOn = Opt.Date("--signed-on", "Date of signature (default: today)");
        var signatory = Opt.Text("--signatory", "Name of the signatory");
        var function = Opt.Text("--function", "Function of the signatory, e.g. \"Directrice générale\"");
        var requestId = Opt.RequestId();
        var command = Cmd.New("sign", "Records an institution's signature of a charter version (REG-3).",
            "clspd charter sign --council 0193f2a1-… --version 2026-1 --institution 0193f2a1-… --signatory \"Paul Durand\" --function Directeur",
            council, version, institution, signedOn, signatory, function, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var today = DateTime.UtcNow;
            var reply = await run.Api.Charter.SignCharterAsync(new SignCharterRequest
            {
                RequestId = run.RequestId(requestId), CouncilId = run.Get(council), Version = run.Get(version), InstitutionId = run.Get(institution),
                SignedOn = run.Get(signedOn) ?? new Google.Type.Date { Year = today.Year, Month = today.Month, Day = today.Day },
                SignatoryName = run.Get(signatory), SignatoryFunction = run.Get(function),
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out,
                ("Signature", reply.Signature.Id), ("Version", reply.Signature.Version), ("Institution", reply.Signature.InstitutionId),
                ("Signed on", Fmt.Day(reply.Signature.SignedOn)), ("Signatory", $"{reply.Signature.SignatoryName}, {reply.Signature.SignatoryFunction}")));
        });
        return command;
    }

    private static Command Accept(ClspdCli cli)
    {
        var council = Opt.Text("--council", "Council id");
        var version = Opt.Text("--version", "Charter version accepted");
        var traced = new Option<bool>("--i-know-every-access-is-traced") { Description = "Required: you acknowledge that every access you make is traced" };
        var requestId = Opt.RequestId();
        var command = Cmd.New("accept", "You, signed in as yourself, accept a charter version personally and acknowledge that every access is traced (REG-3).",
            "clspd charter accept --council 0193f2a1-… --version 2026-1 --i-know-every-access-is-traced", council, version, traced, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Charter.AcceptCharterAsync(new AcceptCharterRequest
            {
                RequestId = run.RequestId(requestId), CouncilId = run.Get(council), Version = run.Get(version), AccessTracedAcknowledged = run.Get(traced),
            }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out,
                ("Acceptance", reply.Acceptance.Id), ("Version", reply.Acceptance.Version), ("Participant", reply.Acceptance.ParticipantId),
                ("Accepted", Fmt.When(reply.Acceptance.AcceptedAt)), ("Every access traced", Fmt.YesNo(reply.Acceptance.AccessTracedAcknowledged))));
        });
        return command;
    }

    private static Command Status(ClspdCli cli)
    {
        var council = Opt.Text("--council", "Council id");
        var participant = Opt.Text("--participant", "Participant id");
        var command = Cmd.New("status", "Tells whether a participant may be designated as far as the charter goes (REG-3).",
            "clspd charter status --council 0193f2a1-… --participant 0193f2a1-…", council, participant);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Charter.GetCharterStatusAsync(new GetCharterStatusRequest { CouncilId = run.Get(council), ParticipantId = run.Get(participant) }, cancellationToken: ct);
            run.Show(reply, () => Table.Fields(run.Out,
                ("Current version", reply.Current?.Version ?? "(none published)"),
                ("Institution signed", reply.InstitutionSignature is null ? "no" : $"yes, {Fmt.Day(reply.InstitutionSignature.SignedOn)} by {reply.InstitutionSignature.SignatoryName}"),
                ("Participant accepted", reply.ParticipantAcceptance is null ? "no" : $"yes, {Fmt.When(reply.ParticipantAcceptance.AcceptedAt)}"),
                ("May be designated", Fmt.YesNo(reply.Sufficient))));
        });
        return command;
    }

    private static Table Versions(IEnumerable<CharterVersion> versions)
    {
        var table = new Table("Version", "Text of", "Published", "SHA-256");
        foreach (var v in versions)
        {
            table.Add(v.Version, Fmt.Day(v.Date), Fmt.When(v.PublishedAt), v.TextSha256);
        }

        return table;
    }
}
