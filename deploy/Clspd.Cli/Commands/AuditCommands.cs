using System.CommandLine;
using Clspd.Access.V1;
using Clspd.Cli.Output;

namespace Clspd.Cli.Commands;

/// <summary>clspd audit: the hash-chained audit trail of every access decision (ACC-4, ACC-6).</summary>
public static class AuditCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("audit",
        "The audit trail: who accessed which case, when, with which outcome and why (ACC-6); verification of its hash chain (ACC-4).",
        "clspd audit list --case 0193f2a1-…",
        List(cli), Verify(cli));

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
        var command = Cmd.New("verify",
            "Walks the whole hash chain, in steps that each continue the same chain, and reports the first altered, missing or reordered entry (ACC-4). " +
            "Exit code 6 when the trail is not intact.",
            "clspd audit verify --step 100000", step);
        cli.Runs(command, async (run, ct) =>
        {
            if (run.Get(step) is < 1 or > 1_000_000)
            {
                throw new CliException(ExitCodes.Usage, "--step: must be 1 to 1000000");
            }

            var reply = await VerifyInStepsAsync(run.Api.Audit, run.Get(step), new Progress(run.Err, "entries verified", 0), ct);
            var checkedEntries = reply.EntriesChecked;
            run.ExitCode = reply.Intact ? ExitCodes.Ok : ExitCodes.Rule;
            run.Show(reply, () => Table.Fields(run.Out,
                ("Intact", Fmt.YesNo(reply.Intact)),
                ("Entries checked", checkedEntries.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("First bad entry", reply.Intact ? "" : $"#{reply.FirstBadSequence} ({Fmt.Plain(reply.Problem)})"),
                ("Chain head", reply.HeadHash),
                ("Result", reply.Message)));
        });
        return command;
    }

    /// <summary>
    /// Walks the whole chain in calls of <paramref name="step"/> entries, each continuing from the last entry and hash of
    /// the one before, moving the bar after each; the answer is the last call's, with the entries checked in all of them.
    /// </summary>
    public static async Task<VerifyAuditResponse> VerifyInStepsAsync(AuditService.AuditServiceClient audit, int step, Progress progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(progress);
        var request = new VerifyAuditRequest { MaxEntries = step };
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

            request = new VerifyAuditRequest { AfterSequence = reply.LastSequence, AfterHash = reply.HeadHash, MaxEntries = step };
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
