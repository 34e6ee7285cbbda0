using System.Globalization;
using Clspd.Cli.Commands;
using Clspd.Records.V1;
using Google.Protobuf.WellKnownTypes;

namespace Clspd.Cli.Tests;

/// <summary>stats evaluation, stats report produce/list/show, stats status — table, --json, exit codes and refusals (REC-11).</summary>
public sealed class StatsCommandTests(StackFixture stack)
{
    private static readonly string[] TableNames =
        ["cases_by_body", "cases_by_age_band", "cases_by_referral_reason", "follow_up_durations", "consent_decisions", "group_composition", "denied_accesses"];

    private string Coordinator => stack.Subject("ville");

    private static string Day(int offset) => DateTime.UtcNow.AddDays(offset).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static int Year => DateTime.UtcNow.Year;

    [Fact]
    public async Task Stats_Evaluation_TablesWithheldCellsRatesAndAlert_REC_11()
    {
        var table = await stack.RunAsync(Coordinator, "stats", "evaluation", "--council", stack.Council, "--from", Day(-30), "--to", Day(1));
        var json = await stack.RunAsync(Coordinator, "stats", "evaluation", "--council", stack.Council, "--from", Day(-30), "--to", Day(1), "--json");
        var member = await stack.RunAsync(stack.Subject("cd91"), "stats", "evaluation", "--council", stack.Council, "--from", Day(-30), "--to", Day(1));
        var badDate = await stack.RunAsync(Coordinator, "stats", "evaluation", "--council", stack.Council, "--from", "31/02/2026", "--to", Day(1));
        var reversed = await stack.RunAsync(Coordinator, "stats", "evaluation", "--council", stack.Council, "--from", Day(1), "--to", Day(-30));

        Assert.True(table.Code == 0, table.ToString());
        Assert.Contains($"Evaluation from {Day(-30)} to {Day(1)} (included)", table.Output, StringComparison.Ordinal);
        Assert.Contains("Cases by body (body × count)", table.Output, StringComparison.Ordinal);
        Expect.Row("CDDF         withheld", table.Output);
        Expect.Row("CLSPD group  withheld", table.Output);
        Assert.Matches(@"\ntotal +\d+\r?\n", table.Output);
        Assert.Contains("Consent decisions (purpose × decision)", table.Output, StringComparison.Ordinal);
        Assert.Matches(@"purpose +given +refused +withdrawn +total", table.Output);
        Assert.Contains("Group composition (group × institution kind)", table.Output, StringComparison.Ordinal);
        Assert.Contains("Denied accesses (rule id × action)", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("unavailable:", table.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("fewer than", table.Output, StringComparison.Ordinal);
        Assert.Contains("Consent and refusal rates (from published counts only)", table.Output, StringComparison.Ordinal);
        Assert.Contains(StatsCommands.WithheldNote(5), table.Output, StringComparison.Ordinal);
        Expect.Row("Overdue        no", table.Output);
        Assert.Contains("The next charter-application report is due by ", table.Output, StringComparison.Ordinal);

        Assert.Equal(0, json.Code);
        Assert.Equal(5, json.Json.GetProperty("threshold").GetInt32());
        var tables = json.Json.GetProperty("tables").EnumerateArray().ToList();
        Assert.Equal(TableNames, tables.Select(t => t.GetProperty("name").GetString()));
        Assert.All(tables, t => Assert.True(t.GetProperty("available").GetBoolean()));
        var body = tables[0].GetProperty("cells").EnumerateArray().ToList();
        var cddf = body.Single(c => c.GetProperty("row").GetString() == "CDDF" && c.GetProperty("column").GetString() == "count");
        Assert.True(cddf.GetProperty("suppressed").GetBoolean());
        Assert.Equal(0, cddf.GetProperty("count").GetInt32());
        Assert.Equal(stack.Council, json.Json.GetProperty("status").GetProperty("councilId").GetString());

        Assert.Equal(5, member.Code);
        Assert.Contains("refused (PermissionDenied) — rule REC-11", member.Error, StringComparison.Ordinal);
        Assert.Equal("", member.Output);
        Assert.Equal(2, badDate.Code);
        Assert.Contains("--from: '31/02/2026' is not a date", badDate.Error, StringComparison.Ordinal);
        Assert.Equal(3, reversed.Code);
    }

    [Fact]
    public async Task Stats_Report_ProduceIdempotentListShow_MemberDenied_REC_11()
    {
        var requestId = "report-" + Guid.NewGuid().ToString("N");

        var produced = await stack.RunAsync(Coordinator, "stats", "report", "produce", "--council", stack.Council, "--year", Year.ToString(CultureInfo.InvariantCulture),
            "--request-id", requestId, "--json");
        var again = await stack.RunAsync(Coordinator, "stats", "report", "produce", "--council", stack.Council, "--year", Year.ToString(CultureInfo.InvariantCulture),
            "--request-id", requestId);
        Assert.True(produced.Code == 0, produced.ToString());
        var reportId = produced.Json.GetProperty("report").GetProperty("id").GetString()!;
        var list = await stack.RunAsync(Coordinator, "stats", "report", "list", "--council", stack.Council);
        var listJson = await stack.RunAsync(Coordinator, "stats", "report", "list", "--council", stack.Council, "--json");
        var show = await stack.RunAsync(Coordinator, "stats", "report", "show", reportId);
        var showJson = await stack.RunAsync(Coordinator, "stats", "report", "show", reportId, "--json");
        var member = await stack.RunAsync(stack.Subject("cd91"), "stats", "report", "produce", "--council", stack.Council, "--year", Year.ToString(CultureInfo.InvariantCulture));
        var memberShow = await stack.RunAsync(stack.Subject("cd91"), "stats", "report", "show", reportId);
        var future = await stack.RunAsync(Coordinator, "stats", "report", "produce", "--council", stack.Council, "--year", (Year + 1).ToString(CultureInfo.InvariantCulture));
        var noYear = await stack.RunAsync(Coordinator, "stats", "report", "produce", "--council", stack.Council);

        var report = produced.Json.GetProperty("report");
        Assert.Equal(Year, report.GetProperty("year").GetInt32());
        Assert.Equal(Coordinator, report.GetProperty("producedBy").GetString());
        // Institutions count no person and are never withheld; other tests may sign more beside the 8 of the seed.
        var signed = report.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "institutions_signed");
        Assert.Equal(("registry", false), (signed.GetProperty("source").GetString(), signed.GetProperty("suppressed").GetBoolean()));
        Assert.InRange(signed.GetProperty("count").GetInt32(), 8, 100);
        Assert.True(again.Code == 0, again.ToString());
        Expect.Row("Report       " + reportId, again.Output);
        Assert.Matches(@"registry +institutions signed +\d+\r?\n", again.Output);
        Assert.Contains("Group composition (group × institution kind)", again.Output, StringComparison.Ordinal);

        Assert.True(list.Code == 0, list.ToString());
        Assert.Matches($@"{reportId} +{Year} +\d\d/\d\d/\d{{4}} \d\d:\d\d +{Coordinator}", list.Output);
        Expect.Row("Overdue        no", list.Output);
        Assert.Equal(0, listJson.Code);
        var listed = listJson.Json.GetProperty("reports").EnumerateArray().Single(r => r.GetProperty("id").GetString() == reportId);
        Assert.Equal(0, listed.GetProperty("figures").GetArrayLength());
        Assert.False(listJson.Json.GetProperty("status").GetProperty("overdue").GetBoolean());

        Assert.True(show.Code == 0, show.ToString());
        Expect.Row("Year         " + Year.ToString(CultureInfo.InvariantCulture), show.Output);
        Assert.Matches(@"registry +institutions signed +\d+\r?\n", show.Output);
        Assert.Contains(StatsCommands.WithheldNote(5), show.Output, StringComparison.Ordinal);
        Assert.Equal(0, showJson.Code);
        Assert.Equal(reportId, showJson.Json.GetProperty("report").GetProperty("id").GetString());

        Assert.Equal(5, member.Code);
        Assert.Contains("REC-11", member.Error, StringComparison.Ordinal);
        Assert.Equal(5, memberShow.Code);
        Assert.Equal(3, future.Code);
        Assert.Equal(2, noYear.Code);
    }

    [Fact]
    public async Task Stats_Status_NotOverdue_Exit0_MemberDenied_REC_11()
    {
        var table = await stack.RunAsync(Coordinator, "stats", "status", "--council", stack.Council);
        var json = await stack.RunAsync(Coordinator, "stats", "status", "--council", stack.Council, "--json");
        var member = await stack.RunAsync(stack.Subject("cd91"), "stats", "status", "--council", stack.Council, "--json");
        var help = await stack.RunAsync(null, "stats", "status", "--help");

        Assert.True(table.Code == 0, table.ToString());
        Expect.Row("Overdue        no", table.Output);
        Assert.Matches(@"Due by +\d\d/\d\d/\d{4} \d\d:\d\d", table.Output);
        Assert.Equal(0, json.Code);
        Assert.Equal(stack.Council, json.Json.GetProperty("status").GetProperty("councilId").GetString());
        Assert.False(json.Json.GetProperty("status").GetProperty("overdue").GetBoolean());
        Assert.Equal(5, member.Code);
        Assert.Contains("\"ruleIds\":[\"REC-11\"]", member.Error, StringComparison.Ordinal);
        Assert.Equal(0, help.Code);
        Assert.Contains("Exits with 8 when it is overdue", string.Join(' ', help.Output.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void Stats_Status_Overdue_Exit8AndSaysSo_REC_11()
    {
        var due = new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);
        var overdue = new EvaluationStatus { CouncilId = "c", Since = Timestamp.FromDateTimeOffset(due.AddYears(-1)), DueAt = Timestamp.FromDateTimeOffset(due), Overdue = true };
        var fine = new EvaluationStatus { CouncilId = "c", Since = overdue.Since, DueAt = overdue.DueAt, LastReportAt = overdue.Since };
        using var writer = new StringWriter();

        StatsCommands.WriteStatus(writer, overdue);

        Assert.Equal(8, StatsCommands.ExitCodeOf(overdue));
        Assert.Equal(0, StatsCommands.ExitCodeOf(fine));
        Assert.Equal(
            "Last report    none yet\n" +
            "Clock started  01/03/2025 10:30\n" +
            "Due by         01/03/2026 10:30\n" +
            "Overdue        yes\n" +
            "OVERDUE: no charter-application report for 12 months (due by 01/03/2026 10:30); produce it with 'clspd stats report produce' (REC-11).\n",
            writer.ToString().ReplaceLineEndings("\n"));
    }
}
