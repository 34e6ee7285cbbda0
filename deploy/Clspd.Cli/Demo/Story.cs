using Clspd.Access.V1;
using Clspd.Cli.Commands;
using Clspd.Cli.Output;
using Clspd.Records.V1;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Cli.Demo;

/// <summary>
/// The short story the demo tells on the seeded commune: who may read which case, in which view,
/// and why not — each access decision printed with its rules and sentence; an archived case opened
/// by the coordinator with a typed reason; then the audit trail.
/// </summary>
public sealed class Story(Run run, Func<string, Connection> connect, World world)
{
    private readonly List<Struct> _steps = [];
    private int _number;

    public IReadOnlyList<Struct> Steps => _steps;

    public async Task TellAsync(CancellationToken ct)
    {
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var yanis = world.Person("Ferreira");
        var lucas = world.Person("Garnier");
        var kevin = world.Person("Roux");

        await ReadAsync("julie.moreau", "Julie Moreau (mission locale), member of the operational group, opens Yanis's case without asking for names.",
            yanis, named: false, minConsentRevision: 0, ct);
        await ReadAsync("camille.martin", "Camille Martin (specialised prevention), path referent of Yanis's case, asks for the named view; Yanis was informed and consented.",
            yanis, named: true, minConsentRevision: yanis.ConsentRevision, ct);
        await ReadAsync("thomas.girard", "Thomas Girard (police), designated in the same group, asks for the named view.",
            yanis, named: true, minConsentRevision: 0, ct);
        await ReadAsync("camille.martin", $"Lucas Garnier withdrew his consent (consent revision {lucas.ConsentRevision}); Camille Martin asks for his named view, presenting that revision.",
            lucas, named: true, minConsentRevision: lucas.ConsentRevision, ct);
        await ReadAsync("nadia.haddad", "Kévin Roux refused a named discussion; Nadia Haddad (youth justice) asks for his named view.",
            kevin, named: true, minConsentRevision: kevin.ConsentRevision, ct);
        await ArchiveAsync(world.Person("Mercier"), ct);
        await MeetingAsync(yanis, world.Person("Dubois"), ct);
        await MoveAsync(world.Person("Lambertin"), ct);
        await ExportAsync(yanis, ct);
        await StatisticsAsync(ct);
        await ReportAsync(ct);
        await AuditAsync(start, ct);
    }

    private async Task ReadAsync(string who, string what, FollowedPerson person, bool named, long minConsentRevision, CancellationToken ct)
    {
        Say(what);
        var member = Cast.Members.Single(m => m.Subject == who);
        var api = connect(world.Subjects[member.Key]);
        try
        {
            var reply = await api.Records.GetCaseAsync(new GetCaseRequest { CaseId = person.CaseId, Named = named, MinConsentRevision = minConsentRevision }, cancellationToken: ct);
            var entry = await DecisionAsync(person.CaseId, reply.DecisionId, ct);
            var rules = entry?.RuleIds.ToList() ?? [];
            var reason = entry?.Reason ?? "";
            var shown = reply.Case.Identity is { } identity
                ? $"{identity.FirstNames} {identity.Surname}, born {Fmt.Day(identity.BirthDate)}, {identity.Address}"
                : $"case {reply.Case.CaseCode}, age band {reply.Case.AgeBand}, no identity";
            Record(member.Name, person, named, "allowed", rules, reason, shown);
        }
        catch (RpcException ex) when (ex.StatusCode is StatusCode.PermissionDenied or StatusCode.FailedPrecondition)
        {
            var details = ex.GetRpcStatus();
            var rules = ErrorReport.RuleIds(details, details?.GetDetail<PreconditionFailure>()?.Violations ?? [], ex.Status.Detail);
            var prefix = string.Join(", ", rules) + ": ";
            var reason = ex.Status.Detail.StartsWith(prefix, StringComparison.Ordinal) ? ex.Status.Detail[prefix.Length..] : ex.Status.Detail;
            Record(member.Name, person, named, "refused", rules, reason, "nothing");
        }
    }

    // REC-7: the case is closed (archived), then the coordinator opens that one case with a typed reason.
    private async Task ArchiveAsync(FollowedPerson person, CancellationToken ct)
    {
        const ArchiveOpeningReason reason = ArchiveOpeningReason.SubjectAccessRequest;
        Say($"The follow-up of {person.Young.Name} ends today: the coordinator closes his case, which is archived and leaves every list; " +
            $"then {person.Young.FirstNames} asks for his file and Inès Robert, the coordinator, opens that one archived case with the reason \"{Fmt.Plain(reason)}\".");
        var coordinator = connect(world.Subjects["ville"]);
        var today = DateTime.UtcNow;
        var closed = await coordinator.Lifecycle.CloseCaseAsync(new CloseCaseRequest
        {
            RequestId = $"demo-close-{person.CaseId}", CaseId = person.CaseId, EndDate = new Google.Type.Date { Year = today.Year, Month = today.Month, Day = today.Day },
        }, cancellationToken: ct);
        var opened = await coordinator.Lifecycle.OpenArchivedCaseAsync(new OpenArchivedCaseRequest { CaseId = person.CaseId, Reason = reason }, cancellationToken: ct);
        var entry = await DecisionAsync(person.CaseId, opened.DecisionId, ct);
        var rules = entry?.RuleIds.ToList() ?? [];
        var shown = opened.Case.Identity is { } identity
            ? $"{identity.FirstNames} {identity.Surname}, case {opened.Case.CaseCode} {Fmt.Plain(opened.Case.Status)}, destroyed by {Fmt.Day(closed.Case.DestroyOn)}"
            : $"case {opened.Case.CaseCode} {Fmt.Plain(opened.Case.Status)}, destroyed by {Fmt.Day(closed.Case.DestroyOn)}";
        if (!run.Json)
        {
            run.Out.WriteLine($"   → case {closed.Case.CaseCode} {Fmt.Plain(closed.Case.Status)}, follow-up ended {Fmt.Day(closed.Case.EndDate)}");
        }

        Record(Cast.Coordinator, person, named: opened.Case.Identity is not null, "allowed", rules, entry?.Reason ?? "", shown, Fmt.Plain(reason));
    }

    // REC-9: a meeting of the operational group today; the working sheets go when it closes, the decisions stay.
    private async Task MeetingAsync(FollowedPerson first, FollowedPerson second, CancellationToken ct)
    {
        Say($"The operational group meets today: Inès Robert puts the cases of {first.Young.FirstNames} and {second.Young.FirstNames} on the agenda, each with a working sheet, " +
            "records the decision taken for each, then closes the meeting.");
        var coordinator = connect(world.Subjects["ville"]);
        var group = world.GroupIds[Cast.Operational];
        var today = DateTime.UtcNow;
        var meeting = await coordinator.Registry.ScheduleMeetingAsync(new Registry.V1.ScheduleMeetingRequest
        {
            RequestId = $"demo-meeting-{group}", GroupId = group, Date = new Google.Type.Date { Year = today.Year, Month = today.Month, Day = today.Day },
            PlaceLabel = "Mairie, salle du conseil",
        }, cancellationToken: ct);
        var meetingId = meeting.Meeting.Id;
        (FollowedPerson Person, string Sheet, MeetingDecision Decision)[] agenda =
        [
            (first, "Point sur la formation qualifiante et l'accompagnement vers l'emploi.", MeetingDecision.ContinueFollowUp),
            (second, "Assiduité en baisse depuis la rentrée : point avec le collège.", MeetingDecision.AdjustActions),
        ];
        foreach (var (person, sheet, _) in agenda)
        {
            await coordinator.Meetings.AddToAgendaAsync(new AddToAgendaRequest
            {
                RequestId = Guid.CreateVersion7().ToString(), MeetingId = meetingId, GroupId = group, CaseId = person.CaseId, Sheet = sheet,
            }, cancellationToken: ct);
        }

        foreach (var (person, _, decision) in agenda)
        {
            await coordinator.Meetings.RecordMeetingDecisionAsync(new RecordMeetingDecisionRequest
            {
                RequestId = Guid.CreateVersion7().ToString(), MeetingId = meetingId, GroupId = group, CaseId = person.CaseId, Decision = decision,
            }, cancellationToken: ct);
        }

        var closed = await coordinator.Meetings.CloseMeetingAsync(new CloseMeetingRequest { RequestId = Guid.CreateVersion7().ToString(), MeetingId = meetingId, GroupId = group }, cancellationToken: ct);
        var decided = string.Join("; ", agenda.Select(a => $"case {a.Person.CaseCode}: {Fmt.Plain(a.Decision)}"));
        if (!run.Json)
        {
            run.Out.WriteLine($"   → decisions: {decided}");
            run.Out.WriteLine($"   → meeting closed [REC-9]: {closed.AgendaItemsPurged} agenda entries and their working sheets purged, {closed.DecisionsKept} decisions kept");
            run.Out.WriteLine();
        }

        _steps.Add(Obj.Of(("step", _number), ("what", "meeting"), ("meetingId", meetingId), ("agendaItemsPurged", closed.AgendaItemsPurged),
            ("decisionsKept", closed.DecisionsKept)));
    }

    // REC-8: the coordinator moves a case from the CDDF to the operational group, with a typed reason.
    private async Task MoveAsync(FollowedPerson person, CancellationToken ct)
    {
        const MoveReason reason = MoveReason.IndividualPrevention;
        Say($"{person.Young.Name}'s situation no longer concerns parental responsibility: Inès Robert moves his case from the CDDF to the operational group, " +
            $"with the reason \"{Fmt.Plain(reason)}\". CDDF and CLSPD-group cases never see each other; only the coordinator moves one.");
        var coordinator = connect(world.Subjects["ville"]);
        var moved = await coordinator.Bodies.MoveCaseAsync(new MoveCaseRequest
        {
            RequestId = $"demo-move-{person.CaseId}", CaseId = person.CaseId, TargetGroupId = world.GroupIds[Cast.Operational], Reason = reason,
        }, cancellationToken: ct);
        var entry = await DecisionAsync(person.CaseId, moved.DecisionId, ct);
        var rules = entry?.RuleIds.ToList() ?? [];
        Record(Cast.Coordinator, person, named: false, "allowed", rules, entry?.Reason ?? "",
            $"case {moved.Case.CaseCode} now held by {Cast.Groups.Single(g => g.Key == Cast.Operational).Name}", Fmt.Plain(reason));
    }

    // REC-10, ACC-6: the person's right of access — their whole file and who accessed it.
    private async Task ExportAsync(FollowedPerson person, CancellationToken ct)
    {
        Say($"{person.Young.FirstNames} exercises his right of access: the coordinator exports his whole file, with the list of who accessed it (REC-10, ACC-6).");
        var coordinator = connect(world.Subjects["ville"]);
        var file = await coordinator.SubjectRights.ExportSubjectFileAsync(new ExportSubjectFileRequest { SubjectRef = person.SubjectRef }, cancellationToken: ct);
        var who = file.Accesses.GroupBy(a => (a.Principal, a.Allowed))
            .Select(g => $"{g.Key.Principal} {(g.Key.Allowed ? "allowed" : "refused")} ×{g.Count()}");
        var exported = file.Cases.FirstOrDefault();
        if (!run.Json)
        {
            run.Out.WriteLine($"   → {file.Person.FirstNames} {file.Person.Surname}: {file.Cases.Count} case(s)" +
                (exported is null ? "" : $", {exported.Referrals.Count} referral(s), {exported.Actions.Count} action(s), {exported.Items.Count} information item(s)"));
            run.Out.WriteLine($"   → {file.Accesses.Count} accesses recorded: {string.Join(", ", who)}");
            run.Out.WriteLine();
        }

        _steps.Add(Obj.Of(("step", _number), ("what", "subject-export"), ("caseId", person.CaseId), ("cases", file.Cases.Count), ("accesses", file.Accesses.Count)));
    }

    // REC-11: aggregate figures only, small cells withheld.
    private async Task StatisticsAsync(CancellationToken ct)
    {
        Say("For the yearly evaluation, the coordinator looks at the council's case statistics: aggregates only, counts under the threshold withheld (REC-11).");
        var coordinator = connect(world.Subjects["ville"]);
        var stats = await coordinator.Statistics.GetCaseStatisticsAsync(new GetCaseStatisticsRequest { CouncilId = world.CouncilId }, cancellationToken: ct);
        var withheld = stats.Cells.Count(c => c.Suppressed);
        if (!run.Json)
        {
            var table = new Table("Dimension", "Value", "Cases");
            foreach (var cell in stats.Cells.Where(c => c.Dimension is "body" or "age_band"))
            {
                table.Add(cell.Dimension.Replace('_', ' '), cell.Value == "CLSPD_GROUP" ? "CLSPD group" : cell.Value,
                    cell.Suppressed ? StatsCommands.Withheld : cell.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            table.WriteTo(run.Out, "(no case)");
            run.Out.WriteLine($"   → {stats.Cells.Count} cells, {withheld} withheld: under {stats.Threshold}, or a complement that would give one away " +
                $"(clspd stats cases --council {world.CouncilId} shows them all)");
            run.Out.WriteLine();
        }

        _steps.Add(Obj.Of(("step", _number), ("what", "statistics"), ("cells", stats.Cells.Count), ("withheld", withheld), ("threshold", stats.Threshold)));
    }

    // REC-11: the year's charter-application report, produced once and stored; the 12-month clock starts again.
    private async Task ReportAsync(CancellationToken ct)
    {
        var year = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Fmt.TimeZone).Year;
        Say($"The coordinator produces the council's charter-application report for {year} from the figures of every service, small counts withheld (REC-11).");
        var coordinator = connect(world.Subjects["ville"]);
        var produced = await coordinator.Statistics.ProduceCharterReportAsync(
            new ProduceCharterReportRequest { RequestId = $"demo-report-{world.CouncilId}-{year}", CouncilId = world.CouncilId, Year = year }, cancellationToken: ct);
        var status = await coordinator.Statistics.GetEvaluationStatusAsync(new GetEvaluationStatusRequest { CouncilId = world.CouncilId }, cancellationToken: ct);
        var report = produced.Report;
        var withheld = report.Figures.Count(f => f.Suppressed);
        if (!run.Json)
        {
            run.Out.WriteLine($"   → report {report.Id} for {report.Year}: {report.Figures.Count} figures, {withheld} withheld, {report.Tables.Count} tables " +
                $"(clspd stats report show {report.Id})");
            run.Out.WriteLine($"   → next report due by {Fmt.When(status.Status.DueAt)}; overdue: {Fmt.YesNo(status.Status.Overdue)}");
            run.Out.WriteLine();
        }

        _steps.Add(Obj.Of(("step", _number), ("what", "charter-report"), ("reportId", report.Id), ("year", report.Year), ("figures", report.Figures.Count),
            ("withheld", withheld), ("overdue", status.Status.Overdue)));
    }

    private async Task<AuditEntry?> DecisionAsync(string caseId, string decisionId, CancellationToken ct)
    {
        var entries = await connect("admin").Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { CaseId = caseId, PageSize = 1000 }, cancellationToken: ct);
        return entries.Entries.LastOrDefault(e => e.DecisionId == decisionId);
    }

    private async Task AuditAsync(DateTimeOffset start, CancellationToken ct)
    {
        Say("The coordinator looks at the audit trail of these accesses: every decision, allowed or refused, with its reasons (ACC-4, ACC-6).");
        var coordinator = connect(world.Subjects["ville"]);
        var entries = await coordinator.Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { From = Timestamp.FromDateTimeOffset(start), PageSize = 1000 }, cancellationToken: ct);
        var ours = new HashSet<string>(world.Persons.Select(p => p.CaseId), StringComparer.Ordinal);
        var story = entries.Entries.Where(e => e.Resource is not null && ours.Contains(e.Resource.CaseId) && e.Action is AccessAction.ReadCase or AccessAction.OpenArchivedCase or AccessAction.MoveCase).ToList();
        if (!run.Json)
        {
            AuditCommands.Entries(story).WriteTo(run.Out, "(no entry)");
            run.Out.WriteLine();
        }

        Say("…and verifies that nobody altered, removed or reordered an entry of the hash chain.");
        var verified = await AuditCommands.VerifyInStepsAsync(coordinator.Audit, 50_000, new Progress(run.Err, "entries verified", 0), ct);
        if (!run.Json)
        {
            run.Out.WriteLine($"   → {(verified.Intact ? "INTACT" : "NOT INTACT")}: {verified.Message}; chain head {verified.HeadHash}");
            run.Out.WriteLine();
        }

        _steps.Add(Obj.Of(("step", _number), ("what", "audit"), ("entries", story.Count), ("intact", verified.Intact),
            ("entriesChecked", verified.EntriesChecked), ("headHash", verified.HeadHash), ("message", verified.Message)));
        if (!verified.Intact)
        {
            run.ExitCode = ExitCodes.Rule;
        }
    }

    private void Say(string text)
    {
        _number++;
        if (!run.Json)
        {
            run.Out.WriteLine($"Step {_number}. {text}");
        }
    }

    private void Record(string who, FollowedPerson person, bool named, string outcome, IReadOnlyList<string> rules, string reason, string shown, string? openingReason = null)
    {
        if (!run.Json)
        {
            run.Out.WriteLine($"   → {outcome.ToUpperInvariant()} [{string.Join(", ", rules)}] {reason}");
            run.Out.WriteLine($"     shown: {shown}");
            run.Out.WriteLine();
        }

        _steps.Add(Obj.Of(("step", _number), ("who", who), ("caseId", person.CaseId), ("view", named ? "named" : "pseudonymous"),
            ("outcome", outcome), ("ruleIds", rules), ("reason", reason), ("shown", shown), ("openingReason", openingReason)));
    }
}
