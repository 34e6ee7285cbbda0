using System.CommandLine;
using Clspd.Cli.Output;
using Clspd.Records.V1;

namespace Clspd.Cli.Commands;

/// <summary>clspd case: cases of persons in one body; reading them in the view access allows (REC-6, ACC-1..3).</summary>
public static class CaseCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("case",
        "Cases: open one for a person in a body, list yours and read one pseudonymously or by name when access allows (REC-6, ACC-1..ACC-3); close it (archive) and open one archived case with a typed reason (REC-7); move it to another body (REC-8).",
        "clspd case get 0193f2a1-… --named",
        Open(cli), Mine(cli), Get(cli), Close(cli), OpenArchived(cli), Move(cli));

    private static Command Open(ClspdCli cli)
    {
        var subject = new Argument<string>("subject-ref") { Description = "Subject reference of the person" };
        var group = Opt.Text("--group", "Group (body) holding the case");
        var start = Opt.Date("--start", "Start of the follow-up (default: today)");
        var requestId = Opt.RequestId();
        var command = Cmd.New("open", "Opens a case for a person in one body of their council (REG-2, REC-4, REC-8).",
            "clspd case open S-0193… --group 0193f2a1-…", subject, group, start, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Records.OpenCaseAsync(new OpenCaseRequest
            {
                RequestId = run.RequestId(requestId), SubjectRef = run.Get(subject), GroupId = run.Get(group), StartDate = run.Get(start),
            }, cancellationToken: ct);
            run.Show(reply, () => Show(run.Out, reply.Case, null));
        });
        return command;
    }

    private static Command Mine(ClspdCli cli)
    {
        var council = Opt.Optional("--council", "Only the cases of this council");
        var group = Opt.Optional("--group", "Only the cases of this group (body)");
        var limit = new Option<int>("--limit") { Description = "Cases examined per page (1..100)", DefaultValueFactory = _ => 50 };
        var after = Opt.Optional("--after", "Continue after this case id");
        var all = new Option<bool>("--all") { Description = "Follow every page" };
        var registryRevision = new Option<long>("--min-registry-revision") { Description = "Registry revision you have seen, e.g. after a designation or a revocation" };
        var command = Cmd.New("mine",
            "Lists the active cases your designations let you read, pseudonymously, never named: each one is an audited pseudonymous read (ACC-1, ACC-4). " +
            "A case you stand in relation to but may not read is listed with the rules and why (ACC-5); open the named view with 'case get --named'.",
            "clspd case mine --group 0193f2a1-…", council, group, limit, after, all, registryRevision);
        cli.Runs(command, async (run, ct) =>
        {
            var request = new ListMyCasesRequest
            {
                CouncilId = run.Get(council) ?? "", GroupId = run.Get(group) ?? "", PageSize = run.Get(limit), AfterCaseId = run.Get(after) ?? "",
                MinRegistryRevision = run.Get(registryRevision),
            };
            var reply = await run.Api.Records.ListMyCasesAsync(request, cancellationToken: ct);
            while (run.Get(all) && reply.NextAfterCaseId.Length > 0)
            {
                request.AfterCaseId = reply.NextAfterCaseId;
                var next = await run.Api.Records.ListMyCasesAsync(request, cancellationToken: ct);
                reply.Cases.Add(next.Cases);
                reply.NextAfterCaseId = next.NextAfterCaseId;
            }

            run.Show(reply, () =>
            {
                var table = new Table("Case", "Code", "Group", "Since", "Age band", "Relation", "Access");
                foreach (var c in reply.Cases)
                {
                    var relations = string.Join(", ", c.Relations.Select(Fmt.Plain));
                    table.Add(c.CaseId, c.CaseCode, c.GroupName.Length > 0 ? c.GroupName : c.GroupId, Fmt.Day(c.StartDate), c.AgeBand, relations,
                        c.Refusal is { } refused ? "refused: " + Fmt.Reasons(refused.RuleIds, refused.Reason) : c.MeasureOnly ? "measure view (ACC-1)" : "pseudonymous (REC-6)");
                }

                table.WriteTo(run.Out, "(no case)");
                if (reply.NextAfterCaseId.Length > 0)
                {
                    run.Out.WriteLine($"More: --after {reply.NextAfterCaseId} (or --all)");
                }
            });
        });
        return command;
    }

    private static Command Get(ClspdCli cli)
    {
        var id = new Argument<string>("case-id") { Description = "Case id" };
        var named = new Option<bool>("--named") { Description = "Ask for the named view (identity): needs a role that requires it, informing and consent (ACC-2, ACC-3)" };
        var measure = new Option<bool>("--measure")
        {
            Description = "Ask for the measure view: a measure implementer sees only their measure and the contact data needed to carry it out (ACC-1, REC-6)",
        };
        var consentRevision = new Option<long>("--min-consent-revision") { Description = "Consent revision you have seen, e.g. the one a withdrawal printed (CON-4)" };
        var registryRevision = new Option<long>("--min-registry-revision") { Description = "Registry revision you have seen, e.g. after a revocation" };
        var command = Cmd.New("get", "Reads a case in the view access allows; every read is audited (ACC-4). A refusal prints the rules and why (ACC-5).",
            "clspd case get 0193f2a1-… --named", id, named, measure, consentRevision, registryRevision);
        cli.Runs(command, async (run, ct) =>
        {
            if (run.Get(named) && run.Get(measure))
            {
                throw new CliException(ExitCodes.Usage, "--named and --measure: ask for one view only");
            }

            var reply = await run.Api.Records.GetCaseAsync(new GetCaseRequest
            {
                CaseId = run.Get(id), Named = run.Get(named), MeasureOnly = run.Get(measure),
                MinConsentRevision = run.Get(consentRevision), MinRegistryRevision = run.Get(registryRevision),
            }, cancellationToken: ct);
            run.Show(reply, () => Show(run.Out, reply.Case, reply));
        });
        return command;
    }

    private static Command Close(ClspdCli cli)
    {
        var id = new Argument<string>("case-id") { Description = "Case" };
        var end = Opt.Date("--end", "End date of the follow-up (not before its start, not in the future)", required: true);
        var requestId = Opt.RequestId();
        var command = Cmd.New("close", "Closes the follow-up with an end date: the case is archived, leaves every list, search and agenda, and is destroyed at the latest on the date printed (REC-7).",
            "clspd case close 0193f2a1-… --end 15/01/2027", id, end, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Lifecycle.CloseCaseAsync(new CloseCaseRequest { RequestId = run.RequestId(requestId), CaseId = run.Get(id), EndDate = run.Get(end) }, cancellationToken: ct);
            run.Show(reply, () => Show(run.Out, reply.Case, null));
        });
        return command;
    }

    private static Command OpenArchived(ClspdCli cli)
    {
        var id = new Argument<string>("case-id") { Description = "The one archived case (there is no search over archives)" };
        var reason = Opt.Enum<ArchiveOpeningReason>("--reason",
            "Why it is opened, written into the audit trail (REC-7, ACC-4): subject-access-request (the person exercises their right of access), " +
            "rectification-request (the person asks for a rectification), legal-claim (a court or litigation requires it), " +
            "supervisory-control (control by the controller, the DPO or the CNIL)");
        var command = Cmd.New("open-archived", "Opens one archived case with a typed reason; reserved to the council's coordinator, audited (REC-7, ACC-4).",
            "clspd case open-archived 0193f2a1-… --reason subject-access-request", id, reason);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Lifecycle.OpenArchivedCaseAsync(new OpenArchivedCaseRequest { CaseId = run.Get(id), Reason = run.Get(reason) }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                Show(run.Out, reply.Case, null);
                Table.Fields(run.Out, ("Opened because", Fmt.Plain(run.Get(reason))), ("Access decision", reply.DecisionId));
            });
        });
        return command;
    }

    private static Command Move(ClspdCli cli)
    {
        var id = new Argument<string>("case-id") { Description = "The active case to move" };
        var target = Opt.Text("--to", "Group (body) of the same council that will hold the case");
        var reason = Opt.Enum<MoveReason>("--reason",
            "Why, recorded with the move and in the audit trail: parental-responsibility (the situation belongs to the CDDF), " +
            "individual-prevention (it calls for a CLSPD working group), opened-in-wrong-body, change-of-territory (the person moved to another group's territory)");
        var requestId = Opt.RequestId();
        var command = Cmd.New("move",
            "Moves an active case to another body of its council for a typed reason (REC-8): the coordinator's decision, audited. CDDF and CLSPD-group cases never see each other; " +
            "consent to a named discussion is per group and does not follow the case.",
            "clspd case move 0193f2a1-… --to 0193f2a1-… --reason parental-responsibility", id, target, reason, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Bodies.MoveCaseAsync(new MoveCaseRequest
            {
                RequestId = run.RequestId(requestId), CaseId = run.Get(id), TargetGroupId = run.Get(target), Reason = run.Get(reason),
            }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                Show(run.Out, reply.Case, null);
                Table.Fields(run.Out, ("Moved because", Fmt.Plain(run.Get(reason))), ("Access decision", reply.DecisionId),
                    ("Revision", reply.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            });
        });
        return command;
    }

    public static void Show(TextWriter writer, Case @case, GetCaseResponse? read)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var identity = @case.Identity;
        Table.Fields(writer,
            ("Case", @case.Id), ("Case code", @case.CaseCode), ("Group", @case.GroupId), ("Age band", @case.AgeBand),
            ("Follow-up since", Fmt.Day(@case.StartDate)), ("Follow-up ended", Fmt.Day(@case.EndDate)),
            ("Status", @case.Status == CaseStatus.Unspecified ? "" : Fmt.Plain(@case.Status)),
            ("Destroyed by", Fmt.Day(@case.DestroyOn)),
            ("Reasons", string.Join(", ", @case.ReasonCodes.Select(Fmt.Plain))),
            ("Measures", string.Join(", ", @case.Measures.Select(m => $"{Fmt.Plain(m.Kind)} ({m.MeasureRef})"))),
            ("View", read?.MeasureOnly == true ? "measure (ACC-1)" : identity is null ? "pseudonymous (REC-6)" : "named"),
            ("Name", identity is null ? "" : $"{identity.FirstNames} {identity.Surname}"),
            ("Born", identity is null ? "" : Fmt.Day(identity.BirthDate)),
            ("Sex", identity is null ? "" : Fmt.Plain(identity.Sex)),
            ("Address", identity?.Address), ("Phone", identity?.Phone), ("E-mail", identity?.Email),
            ("Legal representatives", string.Join("; ", @case.LegalRepresentatives.Select(Contact))),
            ("Access decision", read?.DecisionId));
    }

    private static string Contact(Identity person) =>
        string.Join(", ", new[] { $"{person.FirstNames} {person.Surname}".Trim(), person.Phone, person.Email, person.Address }.Where(v => !string.IsNullOrWhiteSpace(v)));
}
