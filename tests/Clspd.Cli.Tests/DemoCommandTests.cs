namespace Clspd.Cli.Tests;

public sealed class DemoCommandTests(StackFixture stack)
{
    [Fact]
    public async Task Demo_EndToEnd_TellsTheStoryWithEachDecisionAndVerifiesTheTrail()
    {
        var result = await stack.RunAsync(null, "demo", "--tag", "story");
        var output = result.Output.ReplaceLineEndings("\n");

        Assert.True(result.Code == 0, result.ToString());
        Assert.Contains("Building CLSPD de Villeneuve-sur-Orge: 3 bodies, 8 institutions, 12 young people", output, StringComparison.Ordinal);
        Assert.Contains("Thomas Girard, Délégué cohésion police-population", output, StringComparison.Ordinal);
        Assert.Contains("consented, then withdrew", output, StringComparison.Ordinal);
        Assert.Contains("refused", output, StringComparison.Ordinal);
        Assert.Matches(@"Step 1\..*\n   → ALLOWED \[ACC-1, REC-6\] designated as member of the case's group: pseudonymous view", output);
        Assert.Matches(@"Step 2\..*\n   → ALLOWED \[ACC-1, ACC-3, REC-6\] .*named view\n     shown: Yanis Ferreira, born \d\d/\d\d/\d{4}", output);
        Assert.Matches(@"Step 3\..*\n   → REFUSED \[ACC-2\] your institution never receives nominative data", output);
        Assert.Matches(@"Step 4\..*withdrew his consent \(consent revision \d+\).*\n   → REFUSED \[ACC-3, REC-6\] .*withdrawn it \(CON-4\)", output);
        Assert.Matches(@"Step 6\..*opens that one archived case.*\n   → case C-\w+ archived, follow-up ended \d\d/\d\d/\d{4}\n   → ALLOWED \[REC-7, ACC-1\] archived case opened by the coordinator of the council for the reason \w+", output);
        Assert.Matches(@"Step 7\..*operational group meets today.*\n   → decisions: case C-\w+: continue follow up; case C-\w+: adjust actions\n   → meeting closed \[REC-9\]: 2 agenda entries and their working sheets purged, 2 decisions kept", output);
        Assert.Matches(@"Step 8\..*Noah Lambertin.*from the CDDF to the operational group.*\n   → ALLOWED \[REC-8, ACC-1\] case moved to another body by the coordinator of the council for the reason IndividualPrevention\n     shown: case C-\w+ now held by Groupe opérationnel Jeunesse", output);
        Assert.Matches(@"Step 9\..*right of access.*\n   → Yanis Ferreira: 1 case\(s\), 1 referral\(s\), 1 action\(s\), 1 information item\(s\)\n   → \d+ accesses recorded: .*camille\.martin\.story allowed.*thomas\.girard\.story refused", output);
        Assert.Matches(@"Step 10\..*statistics[\s\S]*body +CDDF +withheld\n[\s\S]*body +CLSPD group +withheld\n[\s\S]*   → \d+ cells, \d+ withheld: under 5, or a complement that would give one away", output);
        Assert.DoesNotContain("fewer than", output, StringComparison.Ordinal);
        Assert.Matches(@"Step 11\..*charter-application report for \d{4}.*\n   → report \S+ for \d{4}: \d+ figures, \d+ withheld, 2 tables \(clspd stats report show \S+\)\n   → next report due by \d\d/\d\d/\d{4} \d\d:\d\d; overdue: no", output);
        Assert.Matches(@"Step 12\.[\s\S]*open archived case[\s\S]*move case[\s\S]*Step 13", output);
        Assert.Matches(@"Step 13\..*\n   → INTACT: ACC-4: the audit trail is intact", output);
        Assert.Contains("REG-6", result.Error, StringComparison.Ordinal);
        Assert.Contains("] 142/142 building the demo commune", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Demo_SeedOnlyJson_HasTheWholeCommune()
    {
        var seed = stack.Seed;

        Assert.Equal(3, seed.GetProperty("groups").EnumerateObject().Count());
        Assert.Equal(8, seed.GetProperty("participants").GetArrayLength());
        Assert.Equal(12, seed.GetProperty("persons").GetArrayLength());
        Assert.Single(seed.GetProperty("persons").EnumerateArray(), p => p.GetProperty("consent").GetString() == "refused");
        Assert.Single(seed.GetProperty("persons").EnumerateArray(), p => p.GetProperty("consent").GetString() == "withdrawn");
        Assert.All(seed.GetProperty("persons").EnumerateArray(), p => Assert.False(string.IsNullOrEmpty(p.GetProperty("referralId").GetString())));
        Assert.Equal("need-for-coordination", stack.Person("Chloé").GetProperty("referralReason").GetString());
        Assert.Equal(stack.Person("Yanis").GetProperty("caseId").GetString(), seed.GetProperty("followUp").GetProperty("caseId").GetString());
        Assert.False(string.IsNullOrEmpty(seed.GetProperty("followUp").GetProperty("actionId").GetString()));
        Assert.False(string.IsNullOrEmpty(seed.GetProperty("followUp").GetProperty("itemId").GetString()));
        Assert.Equal(0, seed.GetProperty("story").GetArrayLength());
    }

    [Fact]
    public async Task Demo_AgainOnTheSameTag_Exit6WithAHint()
    {
        var result = await stack.RunAsync(null, "demo", "--tag", "fx");

        Assert.Equal(6, result.Code);
        Assert.Contains("already holds the demo commune", result.Error, StringComparison.Ordinal);
    }
}
