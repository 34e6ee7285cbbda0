namespace Clspd.Cli.Tests;

/// <summary>person, case, access, audit — table, --json and exit codes.</summary>
public sealed class RecordsAccessCommandTests(StackFixture stack)
{
    private string Case(string name) => stack.Person(name).GetProperty("caseId").GetString()!;

    [Fact]
    public async Task Person_CreateAndCaseOpen_PseudonymousCase()
    {
        var coordinator = stack.Subject("ville");
        var created = await stack.RunAsync(coordinator, "person", "create", "--council", stack.Council, "--surname", "Durand", "--first-names", "Zoé",
            "--sex", "female", "--birth-date", DateTime.UtcNow.AddYears(-15).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var subject = created.Output.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
        var opened = await stack.RunAsync(coordinator, "case", "open", subject, "--group", stack.Group("territorial"));
        var openedJson = await stack.RunAsync(coordinator, "case", "open", subject, "--group", stack.Group("territorial"), "--json");
        var tooOld = await stack.RunAsync(coordinator, "person", "create", "--council", stack.Council, "--surname", "Vieux", "--first-names", "Jean",
            "--sex", "male", "--birth-date", "01/01/1980");

        Assert.Equal(0, created.Code);
        Assert.StartsWith("S-", subject, StringComparison.Ordinal);
        Assert.Equal(0, opened.Code);
        Expect.Row("Age band         12-15", opened.Output);
        Expect.Row("View             pseudonymous (REC-6)", opened.Output);
        Assert.DoesNotContain("Durand", opened.Output, StringComparison.Ordinal);
        Assert.Matches("^C-[A-Z0-9]+$", openedJson.Json.GetProperty("case").GetProperty("caseCode").GetString());
        Assert.Equal(6, tooOld.Code);
        Assert.Contains("rule REC-4", tooOld.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Case_Get_MemberPseudonymous_ReferentNamed_PoliceRefused_ACC_2()
    {
        var yanis = Case("Yanis");

        var member = await stack.RunAsync(stack.Subject("mission-locale"), "case", "get", yanis);
        var referent = await stack.RunAsync(stack.Subject("relais"), "case", "get", yanis, "--named");
        var referentJson = await stack.RunAsync(stack.Subject("relais"), "case", "get", yanis, "--named", "--json");
        var police = await stack.RunAsync(stack.Subject("police"), "case", "get", yanis, "--named");
        var policeJson = await stack.RunAsync(stack.Subject("police"), "case", "get", yanis, "--named", "--json");

        Assert.Equal(0, member.Code);
        Expect.Row("View             pseudonymous (REC-6)", member.Output);
        Assert.DoesNotContain("Ferreira", member.Output, StringComparison.Ordinal);
        Assert.Equal(0, referent.Code);
        Expect.Row("Name             Yanis Ferreira", referent.Output);
        Assert.True(referentJson.Json.GetProperty("named").GetBoolean());
        Assert.Equal(5, police.Code);
        Assert.StartsWith("error: refused (PermissionDenied) — rule ACC-2\n  ACC-2: your institution never receives nominative data", police.Error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("\"ruleIds\":[\"ACC-2\"]", policeJson.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, policeJson.Output);
    }

    [Fact]
    public async Task Case_Get_MeasureView_OnlyForTheMeasureImplementer_ACC_1()
    {
        var yanis = Case("Yanis");

        var coordinator = await stack.RunAsync(stack.Subject("ville"), "case", "get", yanis, "--measure");
        var coordinatorJson = await stack.RunAsync(stack.Subject("ville"), "case", "get", yanis, "--measure", "--json");
        var both = await stack.RunAsync(stack.Subject("ville"), "case", "get", yanis, "--measure", "--named");

        Assert.Equal(5, coordinator.Code);
        // Only the implementer of one of its measures reaches a case's measure view: anyone else gets the
        // answer an unknown id gets (ACC-1), which says who sees a case and leaks nothing of this one.
        Assert.Contains("rule ACC-1", coordinator.Error, StringComparison.Ordinal);
        Assert.Contains("the implementer of one of its measures", coordinator.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, coordinator.Output);
        Assert.Contains("\"ruleIds\":[\"ACC-1\"]", coordinatorJson.Error, StringComparison.Ordinal);
        Assert.Equal(2, both.Code);
        Assert.Contains("--named and --measure: ask for one view only", both.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Case_Mine_GroupCasesPseudonymous_PathReferentFirst_PageSizeChecked_ACC_1_REC_6()
    {
        var yanis = Case("Yanis");

        var member = await stack.RunAsync(stack.Subject("mission-locale"), "case", "mine", "--all");
        var referent = await stack.RunAsync(stack.Subject("relais"), "case", "mine", "--all", "--json");
        var tooMany = await stack.RunAsync(stack.Subject("relais"), "case", "mine", "--limit", "101");

        Assert.Equal(0, member.Code);
        Assert.Contains(yanis, member.Output, StringComparison.Ordinal);
        Assert.Contains("pseudonymous (REC-6)", member.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Ferreira", member.Output, StringComparison.Ordinal);
        Assert.Equal(0, referent.Code);
        var listed = referent.Json.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("caseId").GetString() == yanis);
        Assert.Equal("CASE_RELATION_PATH_REFERENT", listed.GetProperty("relations")[0].GetString());
        Assert.DoesNotContain("Ferreira", referent.Output, StringComparison.Ordinal);
        Assert.Equal(3, tooMany.Code);
        Assert.Contains("page_size", tooMany.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Case_Get_AfterWithdrawal_Refused_CON_4()
    {
        var lucas = stack.Person("Lucas");

        var result = await stack.RunAsync(stack.Subject("relais"), "case", "get", lucas.GetProperty("caseId").GetString()!, "--named",
            "--min-consent-revision", lucas.GetProperty("consentRevision").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(5, result.Code);
        Assert.Contains("rule ACC-3, REC-6", result.Error, StringComparison.Ordinal);
        Assert.Contains("refused or withdrawn it (CON-4)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_CheckOwnAccess_AllowAndDenyWithReasons()
    {
        var yanis = stack.Person("Yanis");
        string[] resource = ["--case", yanis.GetProperty("caseId").GetString()!, "--subject", yanis.GetProperty("subjectRef").GetString()!,
            "--council", stack.Council, "--group", yanis.GetProperty("groupId").GetString()!];

        var allowed = await stack.RunAsync(stack.Subject("relais"), ["access", "check", .. resource, "--view", "named"]);
        var denied = await stack.RunAsync(stack.Subject("police"), ["access", "check", .. resource, "--view", "named", "--json"]);
        var other = await stack.RunAsync(stack.Subject("police"), ["access", "check", .. resource, "--principal", stack.Subject("relais")]);

        Assert.Equal(0, allowed.Code);
        Assert.Matches(@"allow +named +ACC-1, ACC-3, REC-6 +designated as path referent of the case", allowed.Output);
        Assert.Equal(5, denied.Code);
        Assert.Equal("OUTCOME_DENY", denied.Json.GetProperty("outcome").GetString());
        Assert.Equal("ACC-2", denied.Json.GetProperty("ruleIds")[0].GetString());
        Assert.Equal(5, other.Code);
        Assert.Contains("rule ACC-6", other.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Access_CheckSubjectFileExport_PersonOnly_CoordinatorWithReason_REC_10()
    {
        var yanis = stack.Person("Yanis");
        string[] check = ["access", "check", "--action", "export-subject-file", "--subject", yanis.GetProperty("subjectRef").GetString()!, "--council", stack.Council];

        var allowed = await stack.RunAsync(stack.Subject("ville"), [.. check, "--justification", "subject-access-request", "--json"]);
        var noReason = await stack.RunAsync(stack.Subject("ville"), check);
        var member = await stack.RunAsync(stack.Subject("mission-locale"), [.. check, "--justification", "subject-access-request"]);

        Assert.True(allowed.Code == 0, allowed.ToString());
        Assert.Equal("OUTCOME_ALLOW", allowed.Json.GetProperty("outcome").GetString());
        Assert.Equal(5, noReason.Code);
        Assert.Contains("REC-10", noReason.Output, StringComparison.Ordinal);
        Assert.Equal(5, member.Code);
        Assert.Matches(@"deny +.*REC-10", member.Output);
    }

    [Fact]
    public async Task Access_Batch_FromFile_OneRowPerItem()
    {
        var kevin = stack.Person("Kévin");
        var principal = stack.Subject("pjj");
        var file = Path.Combine(stack.NewHome(), "checks.json");
        string Item(string id, string view) => System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["correlation_id"] = id,
            ["check"] = new Dictionary<string, object>
            {
                ["principal"] = principal, ["action"] = "ACCESS_ACTION_READ_CASE", ["view"] = view,
                ["resource"] = new Dictionary<string, string>
                {
                    ["case_id"] = kevin.GetProperty("caseId").GetString()!, ["subject_ref"] = kevin.GetProperty("subjectRef").GetString()!,
                    ["council_id"] = stack.Council, ["group_id"] = kevin.GetProperty("groupId").GetString()!, ["body_kind"] = "BODY_KIND_CLSPD_GROUP",
                },
            },
        });
        await File.WriteAllTextAsync(file, $$"""{"items":[{{Item("pseudo", "VIEW_PSEUDONYMOUS")}},{{Item("named", "VIEW_NAMED")}}]}""", TestContext.Current.CancellationToken);

        var table = await stack.RunAsync(principal, "access", "batch", file);
        var json = await stack.RunAsync(principal, "access", "batch", file, "--json");

        Assert.Equal(5, table.Code);
        Assert.Matches(@"pseudo +allow +pseudonymous +ACC-1, REC-6", table.Output);
        Assert.Matches(@"named +deny +ACC-3, REC-6", table.Output);
        Assert.Equal(2, json.Json.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Audit_ListAndVerify_ACC_4_ACC_6()
    {
        var yanis = Case("Yanis");
        await stack.RunAsync(stack.Subject("police"), "case", "get", yanis, "--named");

        var list = await stack.RunAsync(stack.Subject("ville"), "audit", "list", "--case", yanis, "--all");
        var json = await stack.RunAsync(stack.Subject("ville"), "audit", "list", "--case", yanis, "--json");
        var verify = await stack.RunAsync(stack.Subject("ville"), "audit", "verify");
        var verifyJson = await stack.RunAsync("admin", "audit", "verify", "--json");
        var stepped = await stack.RunAsync("admin", "audit", "verify", "--step", "2", "--json");
        var badStep = await stack.RunAsync("admin", "audit", "verify", "--step", "0");
        var notAllowed = await stack.RunAsync(stack.Subject("police"), "audit", "verify");

        Assert.Equal(0, list.Code);
        Assert.Matches(@"\d\d/\d\d/\d{4} \d\d:\d\d +" + stack.Subject("police").Replace(".", "\\.", StringComparison.Ordinal) + @" +group member +read case .* named +deny +ACC-2", list.Output);
        Assert.Contains(json.Json.GetProperty("entries").EnumerateArray(), e => e.GetProperty("outcome").GetString() == "OUTCOME_DENY");
        Assert.Equal(0, verify.Code);
        Expect.Row("Intact           yes", verify.Output);
        Assert.Matches(@"\] (\d+)/\1 entries verified", verify.Error);
        Assert.True(verifyJson.Json.GetProperty("intact").GetBoolean());
        Assert.True(stepped.Json.GetProperty("intact").GetBoolean(), stepped.ToString());
        Assert.True(stepped.Json.GetProperty("complete").GetBoolean());
        // Two entries a call: the whole trail (never shorter than at the first walk) verified as one chain.
        Assert.True(Int64(stepped.Json, "entriesChecked") >= Int64(verifyJson.Json, "entriesChecked"), stepped.ToString());
        Assert.Equal(Int64(stepped.Json, "lastSequence"), Int64(stepped.Json, "entriesChecked"));
        Assert.Matches(@"\] (\d+)/\1 entries verified", stepped.Error);
        Assert.Equal(2, badStep.Code);
        Assert.Equal(5, notAllowed.Code);
        Assert.Contains("rule ACC-6", notAllowed.Error, StringComparison.Ordinal);
    }

    // Protobuf JSON writes 64-bit integers as strings.
    private static long Int64(System.Text.Json.JsonElement json, string name) =>
        long.Parse(json.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
