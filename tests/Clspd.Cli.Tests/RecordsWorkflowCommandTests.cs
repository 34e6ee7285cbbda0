using System.Globalization;

namespace Clspd.Cli.Tests;

/// <summary>referral, followup, action, measure, item, case close/open-archived, lifecycle, person create with legal representatives — table, --json and exit codes.</summary>
public sealed class RecordsWorkflowCommandTests(StackFixture stack)
{
    private string Coordinator => stack.Subject("ville");

    [Fact]
    public async Task Person_Create_WithRepresentativesAndSchoolLevel_REC_1()
    {
        string[] person = ["person", "create", "--council", stack.Council, "--surname", "Marchand", "--first-names", "Inès", "--sex", "female",
            "--birth-date", BirthDate(14), "--school-level", "lower-secondary",
            "--representative", "surname=Marchand;first-names=Paul;sex=male;phone=0611223344", "--representative", "surname=Marchand;first-names=Anne"];

        var table = await stack.RunAsync(Coordinator, person);
        var json = await stack.RunAsync(Coordinator, [.. person, "--json"]);
        var badField = await stack.RunAsync(Coordinator, "person", "create", "--council", stack.Council, "--surname", "X", "--first-names", "Y", "--sex", "male",
            "--birth-date", BirthDate(14), "--representative", "surname=X;first-names=Z;nir=1850175");
        var badLevel = await stack.RunAsync(Coordinator, "person", "create", "--council", stack.Council, "--surname", "X", "--first-names", "Y", "--sex", "male",
            "--birth-date", BirthDate(14), "--school-level", "kindergarten");

        Assert.True(table.Code == 0, table.ToString());
        Assert.Matches(@"Legal representatives +\S+, \S+", table.Output);
        Expect.Row("School level  lower secondary", table.Output);
        Assert.Equal(0, json.Code);
        Assert.Equal(2, json.Json.GetProperty("legalRepresentativeRefs").GetArrayLength());
        Assert.Equal(2, badField.Code);
        Assert.Contains("'nir=1850175' is not one of surname=", badField.Error, StringComparison.Ordinal);
        Assert.Equal(2, badLevel.Code);
        Assert.Contains("'kindergarten' is not one of primary, lower-secondary", badLevel.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Referral_Record_TableJson_SocialActionOnlyCoordination_REC_2()
    {
        var caseId = await NewCaseAsync("Renard");

        var table = await stack.RunAsync(Coordinator, "referral", "record", caseId, "--origin", "national-education",
            "--reason", "school-absenteeism", "--reason", "REFERRAL_REASON_SCHOOL_DROPOUT", "--on", DateTime.UtcNow.AddDays(-3).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        var json = await stack.RunAsync(Coordinator, "referral", "record", caseId, "--origin", "family", "--reason", "victimisation", "--json");
        var socialAction = await stack.RunAsync(Coordinator, "referral", "record", caseId, "--origin", "social-action-professional", "--reason", "school-absenteeism");
        var unknown = await stack.RunAsync(Coordinator, "referral", "record", caseId, "--origin", "neighbour", "--reason", "victimisation");
        var read = await stack.RunAsync(Coordinator, "case", "get", caseId);

        Assert.True(table.Code == 0, table.ToString());
        Assert.Matches(@"Referral +\S{8,}", table.Output);
        Expect.Row("Origin   national education", table.Output);
        Expect.Row("Reasons  school absenteeism, school dropout", table.Output);
        Assert.Equal(0, json.Code);
        Assert.False(string.IsNullOrEmpty(json.Json.GetProperty("referralId").GetString()));
        Assert.Equal(6, socialAction.Code);
        Assert.Contains("rule REC-2", socialAction.Error, StringComparison.Ordinal);
        Assert.Equal(2, unknown.Code);
        Assert.Contains("--origin: 'neighbour' is not one of national-education", unknown.Error, StringComparison.Ordinal);
        Assert.Contains("school absenteeism", read.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowUp_StartElementsActionsMeasureItem_REC_3_REC_5()
    {
        // A programme needs the person's consent to the enrolment (ACC-3): an adult, informed and consenting.
        var caseId = await NewCaseAsync("Vidal", age: 19, enrolled: true);
        var referral = (await stack.RunAsync(Coordinator, "referral", "record", caseId, "--origin", "mission-locale", "--reason", "school-dropout", "--json"))
            .Json.GetProperty("referralId").GetString()!;
        var referent = stack.Participant("relais").GetProperty("participantId").GetString()!;

        var started = await stack.RunAsync(Coordinator, "followup", "start", caseId, "--referral", referral, "--programme", "professional-integration", "--path-referent", referent);
        var elements = await stack.RunAsync(Coordinator, "followup", "elements", caseId, "--text", "Assiduité en hausse depuis la rentrée.");
        var elementsJson = await stack.RunAsync(Coordinator, "followup", "elements", caseId, "--text", "Inscrit à la mission locale.", "--json");
        var tooLong = await stack.RunAsync(Coordinator, "followup", "elements", caseId, "--text", new string('x', 501));
        var action = await stack.RunAsync(Coordinator, "action", "add", caseId, "--kind", "training", "--start", DateTime.UtcNow.AddDays(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "--json");
        var actionId = action.Json.GetProperty("actionId").GetString()!;
        var completed = await stack.RunAsync(Coordinator, "action", "complete", caseId, actionId, "--end", DateTime.UtcNow.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), "--result", "achieved");
        var measure = await stack.RunAsync(Coordinator, "measure", "add", caseId, "--kind", "reparation", "--necessity", "implemented-by-partner", "--start", DateTime.UtcNow.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        var item = await stack.RunAsync(Coordinator, "item", "add", caseId, "--category", "school-attendance", "--classification", "confidential", "--attest-not-secret");
        var itemJson = await stack.RunAsync(Coordinator, "item", "add", caseId, "--category", "action-progress", "--classification", "confidential", "--attest-not-secret", "--json");
        var secret = await stack.RunAsync(Coordinator, "item", "add", caseId, "--category", "school-attendance", "--classification", "secret", "--attest-not-secret");
        var secretJson = await stack.RunAsync(Coordinator, "item", "add", caseId, "--category", "school-attendance", "--classification", "secret", "--attest-not-secret", "--json");
        var notAttested = await stack.RunAsync(Coordinator, "item", "add", caseId, "--category", "school-attendance", "--classification", "confidential");
        var read = await stack.RunAsync(Coordinator, "case", "get", caseId);

        Assert.True(started.Code == 0, started.ToString());
        Expect.Row("Programme  professional integration", started.Output);
        Assert.Matches(@"Follow-up since +\d\d/\d\d/\d{4}", started.Output);
        Assert.Equal(0, elements.Code);
        Expect.Row("Written by  " + Coordinator, elements.Output);
        Assert.Equal(Coordinator, elementsJson.Json.GetProperty("author").GetString());
        Assert.Equal(3, tooLong.Code);
        Assert.Contains("invalid input (InvalidArgument)", tooLong.Error, StringComparison.Ordinal);
        Assert.Equal(0, action.Code);
        Assert.True(completed.Code == 0, completed.ToString());
        Expect.Row("Result  achieved", completed.Output);
        Assert.True(measure.Code == 0, measure.ToString());
        Expect.Row("Necessity  implemented by partner", measure.Output);
        Assert.True(item.Code == 0, item.ToString());
        Expect.Row("Classification  confidential", item.Output);
        Assert.False(string.IsNullOrEmpty(itemJson.Json.GetProperty("itemId").GetString()));
        Assert.Equal(6, secret.Code);
        Assert.Contains("rule REC-5", secret.Error, StringComparison.Ordinal);
        Assert.Contains("\"exitCode\":6", secretJson.Error, StringComparison.Ordinal);
        Assert.Contains("\"ruleIds\":[\"REC-5\"]", secretJson.Error, StringComparison.Ordinal);
        Assert.Equal(6, notAttested.Code);
        Assert.Contains("rule REC-5", notAttested.Error, StringComparison.Ordinal);
        Assert.Matches(@"Measures +reparation \(\S+\)", read.Output);
    }

    [Fact]
    public async Task Case_CloseThenOpenArchived_CoordinatorOnlyWithReason_REC_7()
    {
        var caseId = await NewCaseAsync("Fontaine");
        var today = DateTime.UtcNow.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

        var closed = await stack.RunAsync(Coordinator, "case", "close", caseId, "--end", today);
        var readArchived = await stack.RunAsync(Coordinator, "case", "get", caseId);
        var member = await stack.RunAsync(stack.Subject("cd91"), "case", "open-archived", caseId, "--reason", "legal-claim");
        var opened = await stack.RunAsync(Coordinator, "case", "open-archived", caseId, "--reason", "subject-access-request");
        var openedJson = await stack.RunAsync(Coordinator, "case", "open-archived", caseId, "--reason", "supervisory-control", "--json");
        var noReason = await stack.RunAsync(Coordinator, "case", "open-archived", caseId);
        var closedAgain = await stack.RunAsync(Coordinator, "case", "close", caseId, "--end", today);

        Assert.True(closed.Code == 0, closed.ToString());
        Expect.Row("Status           archived", closed.Output);
        Expect.Row("Follow-up ended  " + today, closed.Output);
        Assert.Matches(@"Destroyed by +\d\d/\d\d/\d{4}", closed.Output);
        Assert.Equal(6, readArchived.Code);
        Assert.Contains("REC-7", readArchived.Error, StringComparison.Ordinal);
        Assert.Equal(5, member.Code);
        Assert.Contains("rule REC-7, ACC-1", member.Error, StringComparison.Ordinal);
        Assert.True(opened.Code == 0, opened.ToString());
        Expect.Row("Opened because   subject access request", opened.Output);
        Assert.Matches(@"Access decision +\S{8,}", opened.Output);
        Assert.Equal("CASE_STATUS_ARCHIVED", openedJson.Json.GetProperty("case").GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(openedJson.Json.GetProperty("decisionId").GetString()));
        Assert.Equal(2, noReason.Code);
        Assert.Equal(6, closedAgain.Code);
    }

    [Fact]
    public async Task Lifecycle_RunAndDeletionLog_AdministratorsOnly_REC_7()
    {
        var run = await stack.RunAsync("admin", "lifecycle", "run");
        var runJson = await stack.RunAsync("admin", "lifecycle", "run", "--batch-size", "100", "--json");
        var badBatch = await stack.RunAsync("admin", "lifecycle", "run", "--batch-size", "9999");
        var badStep = await stack.RunAsync("admin", "lifecycle", "run", "--step", "0");
        var log = await stack.RunAsync("admin", "lifecycle", "deletion-log", "--limit", "10");
        var logJson = await stack.RunAsync("admin", "lifecycle", "deletion-log", "--json");
        var coordinator = await stack.RunAsync(Coordinator, "lifecycle", "run");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Matches(@"follow-ups closed at 25 +\d+ +REC-4", run.Output);
        Assert.Matches(@"persons destroyed \(data key deleted\) +\d+ +REC-7", run.Output);
        Expect.Row("still due                               0", run.Output);
        Assert.Matches(@"\] (\d+)/\1 cases and persons closed or destroyed", run.Error);
        Assert.Equal(0, runJson.Code);
        Assert.True(runJson.Json.GetProperty("casesDestroyed").GetInt32() >= 0);
        Assert.Equal(0, runJson.Json.GetProperty("remainingDue").GetInt32());
        Assert.Equal(3, badBatch.Code);
        Assert.Equal(2, badStep.Code);
        Assert.Equal(0, log.Code);
        Assert.True(log.Output.StartsWith("Destroyed", StringComparison.Ordinal) || log.Output.StartsWith("(nothing destroyed yet)", StringComparison.Ordinal), log.Output);
        Assert.Equal(System.Text.Json.JsonValueKind.Array, logJson.Json.GetProperty("entries").ValueKind);
        Assert.Equal(5, coordinator.Code);
        Assert.Contains("rule REC-7", coordinator.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifecycle_Purge_StepsThroughDueCasesWithAProgressBar_REC_7()
    {
        var due = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var caseId = await NewCaseAsync("Purge" + i, start: DateTime.UtcNow.AddYears(-1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            var closed = await stack.RunAsync(Coordinator, "case", "close", caseId, "--end", DateTime.UtcNow.AddMonths(-4).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
            Assert.True(closed.Code == 0, closed.ToString());
            due.Add(caseId);
        }

        var purge = await stack.RunAsync("admin", "lifecycle", "purge", "--step", "1");
        var help = await stack.RunAsync(null, "lifecycle", "purge", "--help");
        var opened = await stack.RunAsync(Coordinator, "case", "open-archived", due[0], "--reason", "legal-claim");

        Assert.True(purge.Code == 0, purge.ToString());
        Expect.Row("cases destroyed                         3  REC-7", purge.Output);
        Expect.Row("persons destroyed (data key deleted)    3  REC-7", purge.Output);
        Assert.Contains("3 step(s) of at most 1.", purge.Output, StringComparison.Ordinal);
        Assert.Contains("] 6/6 cases and persons closed or destroyed", purge.Error, StringComparison.Ordinal);
        Assert.Contains("clspd lifecycle run --step 500", help.Output, StringComparison.Ordinal);
        // A destroyed case is answered as an unknown id is (ACC-1, exit 5): nothing says it ever existed.
        Assert.Equal(5, opened.Code);
    }

    private static string BirthDate(int age) => DateTime.UtcNow.AddYears(-age).AddDays(-40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // A person of 16 and a case in the operational group, so that each test changes only its own case.
    private async Task<string> NewCaseAsync(string surname, int age = 16, bool enrolled = false, string? start = null)
    {
        var person = await stack.RunAsync(Coordinator, "person", "create", "--council", stack.Council, "--surname", surname, "--first-names", "Test",
            "--sex", "male", "--birth-date", BirthDate(age), "--json");
        Assert.True(person.Code == 0, person.ToString());
        var subjectRef = person.Json.GetProperty("subjectRef").GetString()!;
        string[] open = ["case", "open", subjectRef, "--group", stack.Group("operational"), "--json"];
        var opened = await stack.RunAsync(Coordinator, start is null ? open : [.. open, "--start", start]);
        Assert.True(opened.Code == 0, opened.ToString());
        if (enrolled)
        {
            var inform = await stack.RunAsync("admin", "consent", "inform", subjectRef, "--channel", "in-person", "--notice", stack.Notice);
            var decide = await stack.RunAsync("admin", "consent", "decide", subjectRef, "--purpose", "programme-enrolment", "--decision", "given", "--evidence", "F-2", "--notice", stack.Notice);
            Assert.True(inform.Code == 0 && decide.Code == 0, inform.ToString() + decide);
        }

        return opened.Json.GetProperty("case").GetProperty("id").GetString()!;
    }
}
