using System.CommandLine;
using Clspd.Access.V1;
using Clspd.Cli.Output;

namespace Clspd.Cli.Commands;

/// <summary>clspd audit: the hash-chained audit trail of every access decision (ACC-4, ACC-6).</summary>
public static class AuditCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("audit",
        "The audit trail: who accessed which case, when, with which outcome and why (ACC-6); verification of its hash chain and signed checkpoints (ACC-4).",
        "clspd audit list --case 0193f2a1-…",
        List(cli), Verify(cli), Checkpoint(cli));

    private static Command List(ClspdCli cli)
    {
        var caseId = Opt.Optional("--case", "Only this case");
        var principal = Opt.Optional("--principal", "Only this person's accesses (a participant may ask only for themselves)");
        var subject = Opt.Optional("--subject", "Only accesses about this person (subject reference)");
        var from = Opt.Instant("--from", "From this instant");
        var to = Opt.Instant("--to", "Before this instant");
        var limit = new Option<int>("--limit") { Description = "Entries per page (1..1000)", DefaultValueFactory = _ => 100 };
        var after = new Option<long>("--after") { Description = "Continue after this sequence number" };
        var all = new Option<bool>("--all") { Description = "Follow every page" };
        var command = Cmd.New("list", "Lists audit entries, oldest first; coordinators see their councils', participants their own (ACC-6).",
            "clspd audit list --case 0193f2a1-… --from 01/12/2026", caseId, principal, subject, from, to, limit, after, all);
        cli.Runs(command, async (run, ct) =>
        {
            var request = new ListAuditEntriesRequest
            {
                CaseId = run.Get(caseId) ?? "", Principal = run.Get(principal) ?? "", SubjectRef = run.Get(subject) ?? "",
                From = run.Get(from), To = run.Get(to), PageSize = run.Get(limit), AfterSequence = run.Get(after),
            };
            var reply = await run.Api.Audit.ListAuditEntriesAsync(request, cancellationToken: ct);
            while (run.Get(all) && reply.NextAfterSequence > 0)
            {
                request.AfterSequence = reply.NextAfterSequence;
                var next = await run.Api.Audit.ListAuditEntriesAsync(request, cancellationToken: ct);
                reply.Entries.Add(next.Entries);
                reply.NextAfterSequence = next.NextAfterSequence;
            }

            run.Show(reply, () =>
            {
                Entries(reply.Entries).WriteTo(run.Out, "(no entry)");
                if (reply.NextAfterSequence > 0)
                {
                    run.Out.WriteLine($"More: --after {reply.NextAfterSequence} (or --all)");
                }
            });
        });
        return command;
    }

    private static Command Verify(ClspdCli cli)
    {
        var step = new Option<int>("--step") { Description = "Entries verified per call, 1 to 1000000 (default: 50000); the bar moves after each", DefaultValueFactory = _ => 50_000 };
        var checkpoint = Opt.Optional("--checkpoint",
            "A checkpoint you kept (the file 'clspd audit checkpoint --out' wrote): the chain must still match it, besides the latest one the service holds");
        var command = Cmd.New("verify",
            "Walks the whole hash chain, in steps that each continue the same chain, and reports the first altered, missing or reordered entry (ACC-4). " +
            "The chain is also checked against the latest signed checkpoint (yours with --checkpoint, and the service's): a chain rewritten with its " +
            "hashes recomputed is reported from the first entry after the last checkpoint that still matches. Exit code 6 when the trail is not intact.",
            "clspd audit verify --checkpoint checkpoint.json", step, checkpoint);
        cli.Runs(command, async (run, ct) =>
        {
            if (run.Get(step) is < 1 or > 1_000_000)
            {
                throw new CliException(ExitCodes.Usage, "--step: must be 1 to 1000000");
            }

            var kept = run.Get(checkpoint) is { } file ? ReadCheckpoint(file) : null;
            var reply = await VerifyInStepsAsync(run.Api.Audit, run.Get(step), new Progress(run.Err, "entries verified", 0), ct, kept);
            var checkedEntries = reply.EntriesChecked;
            run.ExitCode = reply.Intact ? ExitCodes.Ok : ExitCodes.Rule;
            run.Show(reply, () => Table.Fields(run.Out,
                ("Intact", Fmt.YesNo(reply.Intact)),
                ("Entries checked", checkedEntries.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("First bad entry", reply.Intact ? "" : $"#{reply.FirstBadSequence} ({Fmt.Plain(reply.Problem)})"),
                ("Chain head", reply.HeadHash),
                ("Checkpoint", reply.CheckpointSequence == 0 ? "none signed yet" : $"entry #{reply.CheckpointSequence}"),
                ("Result", reply.Message)));
        });
        return command;
    }

    /// <summary>
    /// Walks the whole chain in calls of <paramref name="step"/> entries, each continuing from the last entry and hash of
    /// the one before, moving the bar after each; the answer is the last call's, with the entries checked in all of them.
    /// </summary>
    public static async Task<VerifyAuditResponse> VerifyInStepsAsync(AuditService.AuditServiceClient audit, int step, Progress progress, CancellationToken ct,
        AuditCheckpoint? checkpoint = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(progress);
        var request = new VerifyAuditRequest { MaxEntries = step, Checkpoint = checkpoint };
        long checkedEntries = 0;
        while (true)
        {
            var reply = await audit.VerifyAuditAsync(request, cancellationToken: ct);
            checkedEntries += reply.EntriesChecked;
            progress.Total = (int)Math.Min(int.MaxValue, Math.Max(reply.TrailLength, checkedEntries));
            progress.Step((int)reply.EntriesChecked);
            if (!reply.Intact || reply.Complete || reply.EntriesChecked == 0)
            {
                progress.Finish();
                reply.EntriesChecked = checkedEntries;
                if (reply.Intact)
                {
                    reply.Message = $"ACC-4: the audit trail is intact ({checkedEntries} entries)";
                }

                return reply;
            }

            request = new VerifyAuditRequest { AfterSequence = reply.LastSequence, AfterHash = reply.HeadHash, MaxEntries = step, Checkpoint = checkpoint };
        }
    }

    private static Command Checkpoint(ClspdCli cli)
    {
        var signNow = new Option<bool>("--new") { Description = "Have the service sign a checkpoint of the trail's head now, rather than fetch the latest one" };
        var output = Opt.Optional("--out", "Save the checkpoint and its public key to this file (JSON, mode 600), to keep outside the access database");
        var command = Cmd.New("checkpoint",
            "Downloads the latest signed checkpoint of the audit trail (the sequence and hash of its head, signed by the access service's key, ACC-4), " +
            "with the public key that verifies it. Keep the file away from the access database: 'clspd audit verify --checkpoint FILE' then tells " +
            "whether the chain was rewritten since. Coordinators, administrators and services.",
            "clspd audit checkpoint --new --out checkpoint.json", signNow, output);
        cli.Runs(command, async (run, ct) =>
        {
            GetAuditCheckpointResponse reply;
            if (run.Get(signNow))
            {
                var made = await run.Api.Audit.CreateAuditCheckpointAsync(new CreateAuditCheckpointRequest(), cancellationToken: ct);
                reply = new GetAuditCheckpointResponse { Checkpoint = made.Checkpoint, PublicKey = made.PublicKey };
            }
            else
            {
                reply = await run.Api.Audit.GetAuditCheckpointAsync(new GetAuditCheckpointRequest(), cancellationToken: ct);
            }

            var path = run.Get(output) is { } file ? await ExportCommands.WriteAsync(file, reply, ct) : null;
            var c = reply.Checkpoint;
            run.Show(reply, () => Table.Fields(run.Out,
                ("Entry", $"#{c.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture)}"),
                ("Head hash", c.HeadHash),
                ("Signed at", Fmt.When(c.SignedAt)),
                ("Key id", c.KeyId),
                ("Written to", path)));
        });
        return command;
    }

    /// <summary>A checkpoint from a file: what <c>audit checkpoint --out</c> saved, or one line of the service's checkpoint file.</summary>
    public static AuditCheckpoint ReadCheckpoint(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"--checkpoint: cannot read '{path}' ({ex.Message})");
        }

        try
        {
            var saved = new Google.Protobuf.JsonParser(Google.Protobuf.JsonParser.Settings.Default.WithIgnoreUnknownFields(true)).Parse<GetAuditCheckpointResponse>(json);
            return saved.Checkpoint ?? Google.Protobuf.JsonParser.Default.Parse<AuditCheckpoint>(json);
        }
        catch (Exception ex) when (ex is Google.Protobuf.InvalidJsonException or Google.Protobuf.InvalidProtocolBufferException or FormatException)
        {
            throw new CliException(ExitCodes.Usage, $"--checkpoint: '{path}' is not a checkpoint saved by 'clspd audit checkpoint --out' ({ex.Message})");
        }
    }

    public static Table Entries(IEnumerable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var table = new Table("#", "When", "Who", "Role", "Action", "Case", "View", "Outcome", "Rules", "Why");
        foreach (var e in entries)
        {
            table.Add(e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), Fmt.When(e.DecidedAt), e.Principal,
                e.Role == 0 ? "" : Fmt.Plain((Registry.V1.Role)e.Role), Fmt.Plain(e.Action), e.Resource?.CaseId, Fmt.Plain(e.View),
                Fmt.Plain(e.Outcome), string.Join(", ", e.RuleIds), e.Reason);
        }

        return table;
    }
}
