using System.CommandLine;
using System.Globalization;
using Clspd.Cli.Output;
using Clspd.Records.V1;
using Google.Protobuf;

namespace Clspd.Cli.Commands;

/// <summary>clspd export: a person's whole file (right of access) and the coordinator's one multi-person export, with a reason (REC-10).</summary>
public static class ExportCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("export",
        "Exports with personal data, always to a file readable by you only (REC-10): a person's whole file with who accessed it, " +
        "and the coordinator's export of named cases for a typed reason. Every case exported is an audited access decision.",
        "clspd export subject S-0193… --out yanis.json",
        Subject(cli), Cases(cli));

    private static Command Subject(ClspdCli cli)
    {
        var subject = new Argument<string>("subject-ref") { Description = "Subject reference of the person who exercises their right of access" };
        var output = Opt.Text("--out", "File the whole export is written to (JSON, mode 600); the screen shows only a summary");
        var command = Cmd.New("subject",
            "The person's right of access (REC-10, ACC-6): writes their whole file — identity, legal representatives, every case with its referrals, follow-up, actions, " +
            "items and moves, the rectifications made, and who accessed it — to a file, and prints a summary. The council's coordinator only.",
            "clspd export subject S-0193… --out yanis.json", subject, output);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.SubjectRights.ExportSubjectFileAsync(new ExportSubjectFileRequest { SubjectRef = run.Get(subject) }, cancellationToken: ct);
            var path = await WriteAsync(run.Get(output), reply, ct);
            var summary = Summary(path, reply.Cases, reply.Accesses.Count, reply.Rectifications.Count);
            summary.Fields["noCaseHeld"] = Obj.ValueOf(reply.NoCaseHeld);
            run.Show(summary, () =>
            {
                var p = reply.Person;
                Table.Fields(run.Out, ("Person", $"{p.FirstNames} {p.Surname}"), ("Born", Fmt.Day(p.BirthDate)), ("Subject reference", run.Get(subject)),
                    ("Legal representatives", p.LegalRepresentatives.Count.ToString(CultureInfo.InvariantCulture)),
                    ("Accesses recorded", reply.Accesses.Count.ToString(CultureInfo.InvariantCulture)),
                    ("Rectifications", reply.Rectifications.Count.ToString(CultureInfo.InvariantCulture)),
                    ("Cases", reply.NoCaseHeld ? "no case held (none opened, or all destroyed): identity, rectifications and accesses only" : null),
                    ("Written to", path));
                run.Out.WriteLine();
                Cases(reply.Cases).WriteTo(run.Out, reply.NoCaseHeld ? "(no case held)" : "(no case)");
                run.Out.WriteLine();
                var accesses = new Table("When", "Who", "Case", "Outcome", "Rules");
                foreach (var a in reply.Accesses)
                {
                    accesses.Add(Fmt.When(a.At), a.Principal, a.CaseId, a.Allowed ? "allowed" : "refused", string.Join(", ", a.RuleIds));
                }

                accesses.WriteTo(run.Out, "(nobody accessed it)");
            });
        });
        return command;
    }

    private static Command Cases(ClspdCli cli)
    {
        var council = Opt.Text("--council", "Council whose active cases are exported");
        var group = Opt.Optional("--group", "Only the cases of this group");
        var reason = Opt.Enum<ExportReason>("--reason",
            "Why, written into the audit entry of every case exported: supervisory-control (the controller, the DPO or the CNIL), legal-claim (a court or litigation), " +
            "controller-handover (the processing goes to a successor)");
        var output = Opt.Text("--out", "File the export is written to (JSON, mode 600); the screen shows case codes only");
        var command = Cmd.New("cases",
            "The coordinator's export of the named cases of their council, the only export listing several named persons (REC-10): every page is fetched, " +
            "every case is an audited decision carrying the reason.",
            "clspd export cases --council 0193f2a1-… --reason supervisory-control --out export.json", council, group, reason, output);
        cli.Runs(command, async (run, ct) =>
        {
            var request = new ExportCasesRequest { CouncilId = run.Get(council), GroupId = run.Get(group) ?? "", Reason = run.Get(reason), PageSize = 100 };
            var all = new ExportCasesResponse();
            do
            {
                var page = await run.Api.SubjectRights.ExportCasesAsync(request, cancellationToken: ct);
                all.Cases.Add(page.Cases);
                request.AfterCaseId = page.NextAfterCaseId;
            }
            while (request.AfterCaseId.Length > 0);

            var path = await WriteAsync(run.Get(output), all, ct);
            run.Show(Summary(path, all.Cases, 0, 0), () =>
            {
                Table.Fields(run.Out, ("Reason", Fmt.Plain(run.Get(reason))), ("Cases", all.Cases.Count.ToString(CultureInfo.InvariantCulture)), ("Written to", path));
                run.Out.WriteLine();
                Cases(all.Cases).WriteTo(run.Out, "(no case)");
            });
        });
        return command;
    }

    // Case codes, bodies and counts — the names stay in the file.
    private static Table Cases(IEnumerable<ExportedCase> cases)
    {
        var table = new Table("Case code", "Case", "Status", "Group", "Referrals", "Actions", "Items", "Moves", "Access decision");
        foreach (var c in cases)
        {
            table.Add(c.Case.CaseCode, c.Case.Id, Fmt.Plain(c.Case.Status), c.Case.GroupId, Count(c.Referrals.Count), Count(c.Actions.Count),
                Count(c.Items.Count), Count(c.Moves.Count), c.DecisionId);
        }

        return table;
    }

    private static Google.Protobuf.WellKnownTypes.Struct Summary(string path, IEnumerable<ExportedCase> cases, int accesses, int rectifications) => Obj.Of(
        ("file", path),
        ("cases", cases.Select(c => Obj.Of(("caseId", c.Case.Id), ("caseCode", c.Case.CaseCode), ("status", c.Case.Status.ToString()), ("decisionId", c.DecisionId))).ToList()),
        ("accesses", accesses), ("rectifications", rectifications));

    /// <summary>Writes a message as JSON to a file created readable by the owner only; returns its full path.</summary>
    public static async Task<string> WriteAsync(string path, IMessage reply, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        try
        {
            // Created readable by the owner only, before any personal data is written into it.
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                if (File.Exists(full))
                {
                    File.SetUnixFileMode(full, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }

            await using var writer = new StreamWriter(full, System.Text.Encoding.UTF8, options);
            await writer.WriteAsync(JsonOut.Format(reply).AsMemory(), ct);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"--out: cannot write '{path}' ({ex.Message})");
        }

        return full;
    }

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);
}
