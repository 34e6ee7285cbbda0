using System.Globalization;
using System.Text.Json;

namespace Clspd.Cli.Tests;

/// <summary>case move, agenda, export, person rectify, stats — table, --json and exit codes.</summary>
public sealed class RecordsRightsCommandTests(StackFixture stack)
{
    private string Coordinator => stack.Subject("ville");

    private static string Today => DateTime.UtcNow.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Case_Move_CoordinatorWithTypedReason_MemberDenied_REC_8()
    {
        var (caseId, _) = await NewCaseAsync("Moreau");
        var cddf = stack.Group("cddf");

        var moved = await stack.RunAsync(Coordinator, "case", "move", caseId, "--to", cddf, "--reason", "parental-responsibility");
        var back = await stack.RunAsync(Coordinator, "case", "move", caseId, "--to", stack.Group("operational"), "--reason", "individual-prevention", "--json");
        var member = await stack.RunAsync(stack.Subject("cd91"), "case", "move", caseId, "--to", cddf, "--reason", "parental-responsibility");
        var badReason = await stack.RunAsync(Coordinator, "case", "move", caseId, "--to", cddf, "--reason", "convenience");
        var help = await stack.RunAsync(null, "case", "move", "--help");

        Assert.True(moved.Code == 0, moved.ToString());
        Expect.Row("Group            " + cddf, moved.Output);
        Expect.Row("Moved because    parental responsibility", moved.Output);
        Assert.Matches(@"Access decision +\S{8,}", moved.Output);
        Assert.True(back.Code == 0, back.ToString());
        Assert.Equal(stack.Group("operational"), back.Json.GetProperty("case").GetProperty("groupId").GetString());
        Assert.False(string.IsNullOrEmpty(back.Json.GetProperty("decisionId").GetString()));
        Assert.Equal(5, member.Code);
        Assert.Contains("refused (PermissionDenied) — rule", member.Error, StringComparison.Ordinal);
        Assert.Contains("REC-8", member.Error, StringComparison.Ordinal);
        Assert.Equal(2, badReason.Code);
        Assert.Contains("--reason: 'convenience' is not one of parental-responsibility, individual-prevention, opened-in-wrong-body, change-of-territory", badReason.Error, StringComparison.Ordinal);
        Assert.Equal(0, help.Code);
        Assert.Contains("clspd case move 0193f2a1-… --to 0193f2a1-… --reason parental-responsibility", help.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agenda_AddDecideClose_SheetsPurgedDecisionsKept_REC_9()
    {
        var group = stack.Group("operational");
        var (first, _) = await NewCaseAsync("Lemaire");
        var (second, _) = await NewCaseAsync("Charpentier");
        var meeting = await stack.RunAsync(Coordinator, "meeting", "schedule", "--group", group, "--date", Today, "--place", "Mairie, salle 2", "--json");
        Assert.True(meeting.Code == 0, meeting.ToString());
        var meetingId = meeting.Json.GetProperty("meeting").GetProperty("id").GetString()!;
        var sheetFile = Path.Combine(stack.DataDirectory, $"sheet-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(sheetFile, "Point sur l'insertion.", TestContext.Current.CancellationToken);

        var added = await stack.RunAsync(Coordinator, "agenda", "add", "--meeting", meetingId, "--group", group, "--case", first, "--sheet", "Assiduité en baisse.");
        var addedJson = await stack.RunAsync(Coordinator, "agenda", "add", "--meeting", meetingId, "--group", group, "--case", second, "--sheet-file", sheetFile, "--json");
        var tooLong = await stack.RunAsync(Coordinator, "agenda", "add", "--meeting", meetingId, "--group", group, "--case", second, "--sheet", new string('x', 501));
        var decided = await stack.RunAsync(Coordinator, "agenda", "decide", "--meeting", meetingId, "--group", group, "--case", first, "--decision", "continue-follow-up");
        var decidedJson = await stack.RunAsync(Coordinator, "agenda", "decide", "--meeting", meetingId, "--group", group, "--case", second, "--decision", "adjust-actions", "--json");
        var closed = await stack.RunAsync(Coordinator, "agenda", "close", "--meeting", meetingId, "--group", group);
        var afterClose = await stack.RunAsync(Coordinator, "agenda", "add", "--meeting", meetingId, "--group", group, "--case", first, "--json");

        Assert.True(added.Code == 0, added.ToString());
        Expect.Row("Working sheet        20 characters, purged when the meeting closes (REC-9)", added.Output);
        Expect.Row("Cases on the agenda  1", added.Output);
        Assert.True(addedJson.Code == 0, addedJson.ToString());
        Assert.Equal(2, addedJson.Json.GetProperty("agendaSize").GetInt32());
        Assert.Equal(3, tooLong.Code);
        Assert.Contains("sheet", tooLong.Error, StringComparison.Ordinal);
        Assert.True(decided.Code == 0, decided.ToString());
        Expect.Row("Decided   continue follow up", decided.Output);
        Assert.False(string.IsNullOrEmpty(decidedJson.Json.GetProperty("decisionId").GetString()));
        Assert.True(closed.Code == 0, closed.ToString());
        Expect.Row("agenda entries and working sheets purged  2      REC-9", closed.Output);
        Expect.Row("decisions kept                            2      REC-9", closed.Output);
        Assert.Equal(6, afterClose.Code);
        Assert.Contains("\"ruleIds\":[\"REC-9\"]", afterClose.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_SubjectAndCases_ToOwnerOnlyFile_CoordinatorOnly_REC_10()
    {
        var (caseId, subject) = await NewCaseAsync("Aubert");
        var file = Path.Combine(stack.DataDirectory, $"subject-{Guid.NewGuid():N}.json");
        var cases = Path.Combine(stack.DataDirectory, $"cases-{Guid.NewGuid():N}.json");

        var table = await stack.RunAsync(Coordinator, "export", "subject", subject, "--out", file);
        var json = await stack.RunAsync(Coordinator, "export", "subject", subject, "--out", file, "--json");
        var member = await stack.RunAsync(stack.Subject("cd91"), "export", "subject", subject, "--out", file + ".denied");
        var noOut = await stack.RunAsync(Coordinator, "export", "subject", subject);
        var all = await stack.RunAsync(Coordinator, "export", "cases", "--council", stack.Council, "--group", stack.Group("operational"), "--reason", "supervisory-control", "--out", cases);
        var allJson = await stack.RunAsync(Coordinator, "export", "cases", "--council", stack.Council, "--group", stack.Group("operational"), "--reason", "legal-claim", "--out", cases, "--json");
        var noReason = await stack.RunAsync(Coordinator, "export", "cases", "--council", stack.Council, "--out", cases);

        Assert.True(table.Code == 0, table.ToString());
        Expect.Row("Person             Test Aubert", table.Output);
        Expect.Row("Written to         " + file, table.Output);
        Assert.Contains(caseId, table.Output, StringComparison.Ordinal);
        var written = JsonDocument.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("Aubert", written.GetProperty("person").GetProperty("surname").GetString());
        Assert.Equal(caseId, written.GetProperty("cases")[0].GetProperty("case").GetProperty("id").GetString());
        Assert.True(written.GetProperty("accesses").GetArrayLength() >= 1);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Equal(0, json.Code);
        Assert.Equal(file, json.Json.GetProperty("file").GetString());
        Assert.Equal(caseId, json.Json.GetProperty("cases")[0].GetProperty("caseId").GetString());
        Assert.DoesNotContain("Aubert", json.Output, StringComparison.Ordinal);
        Assert.Equal(5, member.Code);
        Assert.False(File.Exists(file + ".denied"));
        Assert.Equal(2, noOut.Code);
        Assert.True(all.Code == 0, all.ToString());
        Expect.Row("Reason      supervisory control", all.Output);
        Assert.Contains(caseId, all.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Aubert", all.Output, StringComparison.Ordinal);
        Assert.Equal(0, allJson.Code);
        Assert.Contains(allJson.Json.GetProperty("cases").EnumerateArray(), c => c.GetProperty("caseId").GetString() == caseId);
        Assert.Contains("Aubert", await File.ReadAllTextAsync(cases, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(2, noReason.Code);
    }

    [Fact]
    public async Task Export_Subject_PersonWithoutCase_SaysNoCaseHeld_REC_10()
    {
        var person = await stack.RunAsync(Coordinator, "person", "create", "--council", stack.Council, "--surname", "Lefebvre", "--first-names", "Test",
            "--sex", "female", "--birth-date", BirthDate(17), "--json");
        Assert.True(person.Code == 0, person.ToString());
        var subject = person.Json.GetProperty("subjectRef").GetString()!;
        var file = Path.Combine(stack.DataDirectory, $"nocase-{Guid.NewGuid():N}.json");

        var table = await stack.RunAsync(Coordinator, "export", "subject", subject, "--out", file);
        var json = await stack.RunAsync(Coordinator, "export", "subject", subject, "--out", file, "--json");
        var member = await stack.RunAsync(stack.Subject("cd91"), "export", "subject", subject, "--out", file + ".denied");

        Assert.True(table.Code == 0, table.ToString());
        Expect.Row("Person             Test Lefebvre", table.Output);
        Expect.Row("Cases              no case held (none opened, or all destroyed): identity, rectifications and accesses only", table.Output);
        Assert.Contains("\n(no case held)\n", table.Output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(0, json.Code);
        Assert.True(json.Json.GetProperty("noCaseHeld").GetBoolean());
        Assert.Equal(0, json.Json.GetProperty("cases").GetArrayLength());
        Assert.Equal(5, member.Code);
        Assert.False(File.Exists(file + ".denied"));
    }

    [Fact]
    public async Task Person_Rectify_FieldsNamedNeverValues_REC_10()
    {
        var (caseId, subject) = await NewCaseAsync("Giraud");

        var table = await stack.RunAsync(Coordinator, "person", "rectify", subject, "--address", "4 rue des Lilas, 91100 Villeneuve-sur-Orge", "--phone", "0611223344");
        var json = await stack.RunAsync(Coordinator, "person", "rectify", subject, "--first-names", "Testé", "--json");
        var nothing = await stack.RunAsync(Coordinator, "person", "rectify", subject);
        var member = await stack.RunAsync(stack.Subject("cd91"), "person", "rectify", subject, "--surname", "X");
        var file = Path.Combine(stack.DataDirectory, $"rectified-{Guid.NewGuid():N}.json");
        var export = await stack.RunAsync(Coordinator, "export", "subject", subject, "--out", file);

        Assert.True(table.Code == 0, table.ToString());
        Expect.Row("Fields rectified  address, phone", table.Output);
        Assert.DoesNotContain("rue des Lilas", table.Output, StringComparison.Ordinal);
        Assert.Equal(0, json.Code);
        Assert.Equal("first_names", Assert.Single(json.Json.GetProperty("fields").EnumerateArray()).GetString());
        Assert.Equal(2, nothing.Code);
        Assert.Contains("nothing to rectify", nothing.Error, StringComparison.Ordinal);
        Assert.Equal(5, member.Code);
        Assert.True(export.Code == 0, export.ToString());
        var person = JsonDocument.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken)).RootElement.GetProperty("person");
        Assert.Equal(("4 rue des Lilas, 91100 Villeneuve-sur-Orge", "0611223344", "Testé", "Giraud"),
            (person.GetProperty("address").GetString(), person.GetProperty("phone").GetString(), person.GetProperty("firstNames").GetString(), person.GetProperty("surname").GetString()));
        Assert.Contains(caseId, export.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_Cases_SmallCellsWithheld_REC_11()
    {
        var table = await stack.RunAsync(Coordinator, "stats", "cases", "--council", stack.Council);
        var json = await stack.RunAsync(Coordinator, "stats", "cases", "--council", stack.Council, "--json");
        var outsider = await stack.RunAsync("nobody-here", "stats", "cases", "--council", stack.Council);

        // The CDDF holds fewer than 5 cases; with only two bodies, the CLSPD groups' count would give it away
        // (the number of cases is known from the other dimensions), so it is withheld too, though it is not small.
        Assert.True(table.Code == 0, table.ToString());
        Expect.Row("body                CDDF         withheld", table.Output);
        Expect.Row("body                CLSPD group  withheld", table.Output);
        Assert.Matches(@"age band +\d+-\d+ +(\d+|withheld)\r?\n", table.Output);
        Assert.DoesNotContain("fewer than", table.Output, StringComparison.Ordinal);
        Assert.Contains("Counts under 5 are withheld so that nobody can be recognised, and some others too so that they cannot be recomputed from the totals (REC-11).",
            table.Output, StringComparison.Ordinal);
        Assert.Equal(0, json.Code);
        Assert.Equal(5, json.Json.GetProperty("threshold").GetInt32());
        var body = json.Json.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("dimension").GetString() == "body").ToList();
        Assert.Equal(["CDDF", "CLSPD_GROUP"], body.Select(c => c.GetProperty("value").GetString()));
        Assert.All(body, c => Assert.Equal((true, 0), (c.GetProperty("suppressed").GetBoolean(), c.GetProperty("count").GetInt32())));
        Assert.Equal(5, outsider.Code);
    }

    [Fact]
    public async Task Help_OpenArchived_ReasonsInPlainWordsAndValidated_REC_7()
    {
        var help = await stack.RunAsync(null, "case", "open-archived", "--help");
        var unknown = await stack.RunAsync(Coordinator, "case", "open-archived", Guid.NewGuid().ToString(), "--reason", "curiosity", "--json");

        Assert.Equal(0, help.Code);
        var text = string.Join(' ', help.Output.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("subject-access-request (the person exercises their right of access)", text, StringComparison.Ordinal);
        Assert.Contains("rectification-request (the person asks for a rectification)", text, StringComparison.Ordinal);
        Assert.Contains("legal-claim (a court or litigation requires it)", text, StringComparison.Ordinal);
        Assert.Contains("supervisory-control (control by the controller, the DPO or the CNIL)", text, StringComparison.Ordinal);
        Assert.Equal(2, unknown.Code);
        Assert.Contains("--reason: 'curiosity' is not one of subject-access-request, rectification-request, legal-claim, supervisory-control", unknown.Error, StringComparison.Ordinal);
        Assert.Equal("", unknown.Output);
    }

    private static string BirthDate(int age) => DateTime.UtcNow.AddYears(-age).AddDays(-40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<(string CaseId, string SubjectRef)> NewCaseAsync(string surname)
    {
        var person = await stack.RunAsync(Coordinator, "person", "create", "--council", stack.Council, "--surname", surname, "--first-names", "Test",
            "--sex", "male", "--birth-date", BirthDate(16), "--json");
        Assert.True(person.Code == 0, person.ToString());
        var subject = person.Json.GetProperty("subjectRef").GetString()!;
        var opened = await stack.RunAsync(Coordinator, "case", "open", subject, "--group", stack.Group("operational"), "--json");
        Assert.True(opened.Code == 0, opened.ToString());
        return (opened.Json.GetProperty("case").GetProperty("id").GetString()!, subject);
    }
}
