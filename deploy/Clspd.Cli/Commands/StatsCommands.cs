using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Clspd.Cli.Output;
using Clspd.Records.V1;
using Google.Protobuf.WellKnownTypes;

namespace Clspd.Cli.Commands;

/// <summary>
/// clspd stats: the evaluation's aggregate figures, small cells and their complements withheld, the
/// annual charter-application report and its 12-month alert (REC-11).
/// </summary>
public static partial class StatsCommands
{
    /// <summary>What a withheld cell shows: it may be under the threshold, or a complement of one, so no bound is printed.</summary>
    public const string Withheld = "withheld";

    public static Command Build(ClspdCli cli) => Cmd.Group("stats",
        "Evaluation figures of a council (REC-11): aggregates only, never a person or a case; every count under the threshold is withheld, and some others " +
        "so that none can be recomputed. The annual charter-application report, and whether it is overdue.",
        "clspd stats evaluation --council 0193f2a1-… --from 01/01/2026 --to 31/12/2026",
        Cases(cli), Evaluation(cli), Report(cli), Status(cli));

    /// <summary>The sentence under every table with withheld cells.</summary>
    public static string WithheldNote(int threshold) =>
        $"Counts under {threshold} are withheld so that nobody can be recognised, and some others too so that they cannot be recomputed from the totals (REC-11).";

    private static Command Cases(ClspdCli cli)
    {
        var council = Opt.Text("--council", "Council");
        var command = Cmd.New("cases",
            "Counts of the council's cases by body, age band, referral reason and follow-up duration; a count under the threshold (default 5) shows as " +
            "\"withheld\", and so does a complementary count of the same dimension that would give it away (REC-11). Participants designated in the council and administrators.",
            "clspd stats cases --council 0193f2a1-…", council);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Statistics.GetCaseStatisticsAsync(new GetCaseStatisticsRequest { CouncilId = run.Get(council) }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                var table = new Table("Dimension", "Value", "Cases");
                foreach (var cell in reply.Cells)
                {
                    table.Add(Dimension(cell.Dimension), Value(cell.Dimension, cell.Value), Count(cell.Count, cell.Suppressed));
                }

                table.WriteTo(run.Out, "(no case)");
                run.Out.WriteLine(WithheldNote(reply.Threshold));
            });
        });
        return command;
    }

    private static Command Evaluation(ClspdCli cli)
    {
        var council = Opt.Text("--council", "Council");
        var from = Opt.Date("--from", "First day of the period (from midnight, Paris time)", required: true);
        var to = Opt.Date("--to", "Last day of the period, included (until midnight after it, Paris time)", required: true);
        var command = Cmd.New("evaluation",
            "The council's whole evaluation for a period (REC-11): its cases by body, age band, referral reason and follow-up duration (records), the consent decisions " +
            "per purpose (consent), the composition of its groups by institution kind (registry) and the denied accesses per rule and action (access), each table with " +
            "its totals and its withheld cells; a table whose service did not answer is shown as unavailable with the reason, never as partial figures. Then the consent " +
            "and refusal rates, and whether the charter-application report is overdue. The council's coordinator and administrators only.",
            "clspd stats evaluation --council 0193f2a1-… --from 01/01/2026 --to 31/12/2026", council, from, to);
        cli.Runs(command, async (run, ct) =>
        {
            var first = run.Get(from)!;
            var last = run.Get(to)!;
            var request = new GetEvaluationRequest { CouncilId = run.Get(council), From = Midnight(first, 0), To = Midnight(last, 1) };
            var reply = await run.Api.Statistics.GetEvaluationAsync(request, cancellationToken: ct);
            run.Show(reply, () =>
            {
                run.Out.WriteLine($"Evaluation from {Fmt.Day(first)} to {Fmt.Day(last)} (included)");
                run.Out.WriteLine();
                WriteTables(run.Out, reply.Tables);
                run.Out.WriteLine("Consent and refusal rates (from published counts only)");
                var rates = new Table("Purpose", "Consent rate", "Refusal rate");
                foreach (var rate in reply.ConsentRates)
                {
                    rates.Add(Words(rate.Purpose), Percent(rate.ConsentRatePercent), Percent(rate.RefusalRatePercent));
                }

                rates.WriteTo(run.Out, "(none: their counts are withheld or unavailable)");
                run.Out.WriteLine();
                run.Out.WriteLine(WithheldNote(reply.Threshold));
                run.Out.WriteLine();
                WriteStatus(run.Out, reply.Status);
            });
        });
        return command;
    }

    private static Command Report(ClspdCli cli) => Cmd.Group("report",
        "The annual charter-application report of a council (REC-11): produced once a year by the coordinator from the figures of every service, stored, read again.",
        "clspd stats report produce --council 0193f2a1-… --year 2026",
        Produce(cli), List(cli), Show(cli));

    private static Command Produce(ClspdCli cli)
    {
        var council = Opt.Text("--council", "Council");
        var year = new Option<int>("--year") { Description = "Calendar year reported on (2000 to the current year)", Required = true };
        var requestId = Opt.RequestId();
        var command = Cmd.New("produce",
            "Produces and stores the council's charter-application report for a year: charter versions, signatures, acceptances, designations, revocations, " +
            "breaches (registry), denied accesses, archive openings, moves, exports, rectifications (access), cases followed and destroyed (records), consent " +
            "refusals and withdrawals (consent), plus the year's group composition and denied accesses; small counts withheld. Every service must answer: nothing " +
            "is stored with a section missing (exit 7, retry). The council's coordinator and administrators only.",
            "clspd stats report produce --council 0193f2a1-… --year 2026 --request-id report-2026", council, year, requestId);
        cli.Runs(command, async (run, ct) =>
        {
            var request = new ProduceCharterReportRequest { RequestId = run.RequestId(requestId), CouncilId = run.Get(council), Year = run.Get(year) };
            var reply = await run.Api.Statistics.ProduceCharterReportAsync(request, cancellationToken: ct);
            run.Show(reply, () => WriteReport(run.Out, reply.Report));
        });
        return command;
    }

    private static Command List(ClspdCli cli)
    {
        var council = Opt.Text("--council", "Council");
        var command = Cmd.New("list",
            "The council's stored charter-application reports, newest first (without their figures: see 'stats report show'), and whether the next one is overdue.",
            "clspd stats report list --council 0193f2a1-…", council);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Statistics.ListCharterReportsAsync(new ListCharterReportsRequest { CouncilId = run.Get(council) }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                var table = new Table("Report", "Year", "Produced", "By");
                foreach (var report in reply.Reports)
                {
                    table.Add(report.Id, report.Year.ToString(CultureInfo.InvariantCulture), Fmt.When(report.ProducedAt), report.ProducedBy);
                }

                table.WriteTo(run.Out, "(no report yet)");
                run.Out.WriteLine();
                WriteStatus(run.Out, reply.Status);
            });
        });
        return command;
    }

    private static Command Show(ClspdCli cli)
    {
        var id = new Argument<string>("report-id") { Description = "Report id (from 'stats report list')" };
        var command = Cmd.New("show", "One stored charter-application report again, with its figures and tables.", "clspd stats report show 0193f2a1-…", id);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Statistics.GetCharterReportAsync(new GetCharterReportRequest { ReportId = run.Get(id) }, cancellationToken: ct);
            run.Show(reply, () => WriteReport(run.Out, reply.Report));
        });
        return command;
    }

    private static Command Status(ClspdCli cli)
    {
        var council = Opt.Text("--council", "Council");
        var command = Cmd.New("status",
            $"Whether the council's charter-application report is overdue: none produced for 12 months since the previous one, or since the council was recorded " +
            $"(REC-11). Exits with {ExitCodes.Overdue} when it is overdue, so that a scheduled job can alert.",
            "clspd stats status --council 0193f2a1-… || mail -s \"CLSPD report overdue\" coordination@example.org", council);
        cli.Runs(command, async (run, ct) =>
        {
            var reply = await run.Api.Statistics.GetEvaluationStatusAsync(new GetEvaluationStatusRequest { CouncilId = run.Get(council) }, cancellationToken: ct);
            run.Show(reply, () => WriteStatus(run.Out, reply.Status));
            run.ExitCode = ExitCodeOf(reply.Status);
        });
        return command;
    }

    /// <summary><see cref="ExitCodes.Overdue"/> when the report is overdue, else 0.</summary>
    public static int ExitCodeOf(EvaluationStatus? status) => status is { Overdue: true } ? ExitCodes.Overdue : ExitCodes.Ok;

    /// <summary>The 12-month alert as fields and one sentence.</summary>
    public static void WriteStatus(TextWriter writer, EvaluationStatus? status)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (status is null)
        {
            return;
        }

        Table.Fields(writer, ("Last report", status.LastReportAt is null ? "none yet" : Fmt.When(status.LastReportAt)),
            ("Clock started", Fmt.When(status.Since)), ("Due by", Fmt.When(status.DueAt)), ("Overdue", Fmt.YesNo(status.Overdue)));
        writer.WriteLine(status.Overdue
            ? $"OVERDUE: no charter-application report for 12 months (due by {Fmt.When(status.DueAt)}); produce it with 'clspd stats report produce' (REC-11)."
            : $"The next charter-application report is due by {Fmt.When(status.DueAt)} (REC-11).");
    }

    /// <summary>A report: its fields, its figures and its tables.</summary>
    public static void WriteReport(TextWriter writer, CharterReport report)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(report);
        Table.Fields(writer, ("Report", report.Id), ("Council", report.CouncilId), ("Year", report.Year.ToString(CultureInfo.InvariantCulture)),
            ("Produced", Fmt.When(report.ProducedAt)), ("Produced by", report.ProducedBy));
        writer.WriteLine();
        var figures = new Table("Source", "Figure", "Count");
        foreach (var figure in report.Figures)
        {
            figures.Add(figure.Source, figure.Name.Replace('_', ' '), Count(figure.Count, figure.Suppressed));
        }

        figures.WriteTo(writer, "(no figure)");
        writer.WriteLine();
        WriteTables(writer, report.Tables);
        writer.WriteLine(WithheldNote(report.Threshold));
    }

    /// <summary>Each table as rows × columns (totals included), or its reason when unavailable.</summary>
    public static void WriteTables(TextWriter writer, IEnumerable<EvaluationTable> tables)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(tables);
        foreach (var table in tables)
        {
            writer.WriteLine($"{Title(table.Name)} ({Dimension(table.RowDimension)} × {Dimension(table.ColumnDimension)})");
            if (!table.Available)
            {
                writer.WriteLine($"  unavailable: {table.UnavailableReason}");
                writer.WriteLine();
                continue;
            }

            var rows = table.Cells.Select(c => c.Row).Distinct(StringComparer.Ordinal).OrderBy(r => r == Total).ToList();
            var columns = table.Cells.Select(c => c.Column).Distinct(StringComparer.Ordinal).OrderBy(c => c == Total).ToList();
            if (columns.Count == 2 && columns[1] == Total)
            {
                // A one-dimension table: its total column repeats the count.
                columns.RemoveAt(1);
            }

            var cells = table.Cells.ToDictionary(c => (c.Row, c.Column));
            var text = new Table([Dimension(table.RowDimension), .. columns.Select(Words)]);
            foreach (var row in rows)
            {
                text.Add([Words(row), .. columns.Select(column => cells.TryGetValue((row, column), out var cell) ? Count(cell.Count, cell.Suppressed) : "0")]);
            }

            text.WriteTo(writer, "(nothing counted)");
            writer.WriteLine();
        }
    }

    private const string Total = "TOTAL";

    private static string Title(string name) => name switch
    {
        "cases_by_body" => "Cases by body",
        "cases_by_age_band" => "Cases by age band",
        "cases_by_referral_reason" => "Cases by referral reason",
        "follow_up_durations" => "Follow-up durations",
        "consent_decisions" => "Consent decisions",
        "group_composition" => "Group composition",
        "denied_accesses" => "Denied accesses",
        _ => name.Replace('_', ' '),
    };

    /// <summary>A row or column value in words: PURPOSE_NAMED_DISCUSSION → "named discussion", TOTAL → "total"; names and rule ids unchanged.</summary>
    public static string Words(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            Total => "total",
            "CLSPD_GROUP" => "CLSPD group",
            _ when EnumPrefix().Match(value) is { Success: true } m => m.Groups[1].Value.Replace('_', ' ').ToLowerInvariant(),
            _ => value,
        };
    }

    [GeneratedRegex("^(?:PURPOSE|DECISION|INSTITUTION_KIND|ACCESS_ACTION|REFERRAL_REASON|BODY)_([A-Z0-9_]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex EnumPrefix();

    private static string Count(int count, bool suppressed) => suppressed ? Withheld : count.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double percent) => percent.ToString("0.0", CultureInfo.InvariantCulture) + " %";

    // Midnight in Paris of the day (plus days), the period's bounds as the service takes them.
    private static Timestamp Midnight(Google.Type.Date day, int plusDays)
    {
        var local = new DateTime(day.Year, day.Month, day.Day, 0, 0, 0, DateTimeKind.Unspecified).AddDays(plusDays);
        return Timestamp.FromDateTimeOffset(new DateTimeOffset(local, Fmt.TimeZone.GetUtcOffset(local)));
    }

    private static string Dimension(string dimension) => dimension switch
    {
        "body" => "body",
        "age_band" => "age band",
        "referral_reason" => "referral reason",
        "follow_up_duration" => "follow-up duration",
        _ => dimension.Replace('_', ' '),
    };

    // Proto enum names in plain words: REFERRAL_REASON_SCHOOL_ABSENTEEISM → "school absenteeism", CLSPD_GROUP → "CLSPD group".
    private static string Value(string dimension, string value) => (dimension, value) switch
    {
        ("body", "CDDF") => "CDDF",
        ("body", "CLSPD_GROUP") => "CLSPD group",
        ("referral_reason", _) => value.Replace("REFERRAL_REASON_", "", StringComparison.Ordinal).Replace('_', ' ').ToLowerInvariant(),
        _ => value,
    };
}
