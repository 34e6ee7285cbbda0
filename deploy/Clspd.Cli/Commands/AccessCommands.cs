using System.CommandLine;
using Clspd.Access.V1;
using Clspd.Cli.Output;
using Google.Protobuf;

namespace Clspd.Cli.Commands;

/// <summary>clspd access: ask the need-to-know policy about your own access, with its reasons (ACC-1..ACC-5).</summary>
public static class AccessCommands
{
    public static Command Build(ClspdCli cli) => Cmd.Group("access",
        "Access decisions with their reasons: may this person do this on this case now, and why? Every decision is audited (ACC-4).",
        "clspd access check --case 0193f2a1-… --subject S-0193… --council 0193f2a1-… --group 0193f2a1-… --view named",
        Check(cli), Batch(cli));

    private static Command Check(ClspdCli cli)
    {
        var caseId = Opt.Text("--case", "Case id (none for export-subject-file: the file of a person with no case)", required: false);
        var subject = Opt.Text("--subject", "Subject reference of the person");
        var council = Opt.Text("--council", "Council of the case");
        var group = Opt.Text("--group", "Group holding the case (none for export-subject-file)", required: false);
        var body = Opt.Enum<BodyKind>("--body", "Kind of body holding the case (REC-8)", required: false);
        body.DefaultValueFactory = _ => BodyKind.ClspdGroup;
        var principal = Opt.Optional("--principal", "Whose access (default: yours; services may ask for others)");
        var action = Opt.Enum<AccessAction>("--action", "What", required: false);
        action.DefaultValueFactory = _ => AccessAction.ReadCase;
        var view = Opt.Enum<View>("--view", "Which view", required: false);
        view.DefaultValueFactory = _ => View.Pseudonymous;
        var justification = Opt.Optional("--justification",
            "Why (a typed reason, no personal data), required for open-archived-case, move-case, export-case, rectify-identity and export-subject-file");
        var consentRevision = new Option<long>("--min-consent-revision") { Description = "Consent revision you have seen (CON-4)" };
        var registryRevision = new Option<long>("--min-registry-revision") { Description = "Registry revision you have seen" };
        var command = Cmd.New("check",
            "Decides one access and prints the outcome, the rules and the sentence (ACC-5). Exit code 5 when denied.",
            "clspd access check --case 0193f2a1-… --subject S-0193… --council 0193f2a1-… --group 0193f2a1-… --view named",
            caseId, subject, council, group, body, principal, action, view, justification, consentRevision, registryRevision);
        cli.Runs(command, async (run, ct) =>
        {
            // A person's own file is about the person, not a case: no case, no group, no body (REC-10).
            var personOnly = run.Get(action) == AccessAction.ExportSubjectFile;
            var reply = await run.Api.Access.CheckAsync(new CheckRequest
            {
                Principal = run.Get(principal) ?? run.Subject, Action = run.Get(action), View = personOnly ? View.Named : run.Get(view),
                MinConsentRevision = run.Get(consentRevision), MinRegistryRevision = run.Get(registryRevision), Justification = run.Get(justification) ?? "",
                Resource = new CaseResource
                {
                    CaseId = run.Get(caseId) ?? "", SubjectRef = run.Get(subject), CouncilId = run.Get(council), GroupId = run.Get(group) ?? "",
                    BodyKind = personOnly ? BodyKind.Unspecified : run.Get(body),
                },
            }, cancellationToken: ct);
            run.ExitCode = reply.Outcome == Outcome.Allow ? ExitCodes.Ok : ExitCodes.Denied;
            run.Show(reply, () => Decisions([("", reply)]).WriteTo(run.Out));
        });
        return command;
    }

    private static Command Batch(ClspdCli cli)
    {
        var file = new Argument<string>("file") { Description = "JSON file: {\"items\":[{\"correlation_id\":\"1\",\"check\":{…}}]} (up to 100 items)" };
        var command = Cmd.New("batch", "Decides up to 100 accesses at once, each audited as a single check would be. Exit code 5 when any is denied.",
            "clspd access batch checks.json", file);
        cli.Runs(command, async (run, ct) =>
        {
            BatchCheckRequest request;
            try
            {
                request = JsonParser.Default.Parse<BatchCheckRequest>(await File.ReadAllTextAsync(run.Get(file), ct));
            }
            catch (Exception ex) when (ex is IOException or InvalidProtocolBufferException or InvalidJsonException)
            {
                throw new CliException(ExitCodes.Usage, $"{run.Get(file)}: {ex.Message}");
            }

            var reply = await run.Api.Access.BatchCheckAsync(request, cancellationToken: ct);
            run.ExitCode = reply.Results.All(r => r.Decision.Outcome == Outcome.Allow) ? ExitCodes.Ok : ExitCodes.Denied;
            run.Show(reply, () => Decisions(reply.Results.Select(r => (r.CorrelationId, r.Decision))).WriteTo(run.Out));
        });
        return command;
    }

    public static Table Decisions(IEnumerable<(string Id, CheckResponse Decision)> decisions)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        var table = new Table("Item", "Outcome", "View", "Rules", "Why", "Decision", "Audit #", "When");
        foreach (var (id, d) in decisions)
        {
            table.Add(id, Fmt.Plain(d.Outcome), d.Outcome == Outcome.Allow ? Fmt.Plain(d.View) : "", string.Join(", ", d.RuleIds), d.Reason,
                d.DecisionId, d.AuditSequence.ToString(System.Globalization.CultureInfo.InvariantCulture), Fmt.When(d.DecidedAt));
        }

        return table;
    }
}
