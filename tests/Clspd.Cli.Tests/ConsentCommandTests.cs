namespace Clspd.Cli.Tests;

/// <summary>notice, subject, consent — table, --json and exit codes.</summary>
public sealed class ConsentCommandTests(StackFixture stack)
{
    [Fact]
    public async Task Notice_DraftMissingItems_PublishRefused_CON_1_ThenUpdatedAndPublished()
    {
        var draft = await stack.RunAsync("admin", "notice", "draft", "--council", stack.Council, "--title", "Information", "--json");
        var id = draft.Json.GetProperty("notice").GetProperty("id").GetString()!;
        var refused = await stack.RunAsync("admin", "notice", "publish", id);
        var content = Path.Combine(stack.NewHome(), "notice.json");
        await File.WriteAllTextAsync(content, """
            {"title":"Information","controller":"Le maire","purposes":"Suivi","recipients":"Groupe","retention":"3 mois",
             "legal_basis":"Consentement","rights":"Accès","rights_contact":"Mairie","dpo_contact":"dpo@example.org","cnil_complaint":"CNIL"}
            """, TestContext.Current.CancellationToken);
        var updated = await stack.RunAsync("admin", "notice", "update", id, "--content", content, "--more", "Rien de plus");
        var published = await stack.RunAsync("admin", "notice", "publish", id);
        var get = await stack.RunAsync("admin", "notice", "get", id, "--json");
        var list = await stack.RunAsync("admin", "notice", "list", "--council", stack.Council, "--published");

        Assert.Equal(0, draft.Code);
        Assert.Equal(6, refused.Code);
        Assert.Contains("rule CON-1", refused.Error, StringComparison.Ordinal);
        Assert.Contains("- CON-1 on content.dpo_contact", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, updated.Code);
        Expect.Row("More                    Rien de plus", updated.Output);
        Assert.Equal(0, published.Code);
        Expect.Row("Status                  published", published.Output);
        Assert.Equal("NOTICE_STATUS_PUBLISHED", get.Json.GetProperty("notice").GetProperty("status").GetString());
        Assert.Contains(id, list.Output, StringComparison.Ordinal);
        Assert.Contains("Information sur le suivi individualisé", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notice_RenderToFiles_TextAndPrintableHtml()
    {
        var person = stack.Person("Léa").GetProperty("subjectRef").GetString()!;
        var folder = stack.NewHome();

        var html = await stack.RunAsync("admin", "notice", "render", stack.Notice, "--subject", person, "--out", Path.Combine(folder, "notice.html"));
        var text = await stack.RunAsync("admin", "notice", "render", stack.Notice, "--subject", person, "--out", Path.Combine(folder, "notice.txt"));
        var json = await stack.RunAsync("admin", "notice", "render", stack.Notice, "--json");

        Assert.Equal(0, html.Code);
        Assert.Contains("(printable HTML)", html.Output, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\"", await File.ReadAllTextAsync(Path.Combine(folder, "notice.html"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(0, text.Code);
        Assert.Contains(person, await File.ReadAllTextAsync(Path.Combine(folder, "notice.txt"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.StartsWith("Information sur le suivi individualisé", json.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subject_PutGet_MinorWithRepresentatives()
    {
        var subject = "S-test-" + Guid.NewGuid().ToString("N")[..8];

        var put = await stack.RunAsync("admin", "subject", "put", subject, "--minor-until", "17/04/2029", "--representative", "lr-a", "--representative", "lr-b", "--group", stack.Group("operational"));
        var get = await stack.RunAsync("admin", "subject", "get", subject, "--json");

        Assert.Equal(0, put.Code);
        Expect.Row("Minor until            17/04/2029", put.Output);
        Expect.Row("Legal representatives  lr-a, lr-b", put.Output);
        Assert.Equal(2, get.Json.GetProperty("subject").GetProperty("legalRepresentativeRefs").GetArrayLength());
    }

    [Fact]
    public async Task Consent_InformDecideStateWithdrawHistoryReceipt_CON_2_to_CON_5()
    {
        var worker = stack.Subject("cd91");
        var group = stack.Group("territorial");
        var person = (await stack.RunAsync(stack.Subject("ville"), "person", "create", "--council", stack.Council, "--surname", "Test", "--first-names", "Alex",
            "--sex", "female", "--birth-date", DateTime.UtcNow.AddYears(-20).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), "--json"))
            .Json.GetProperty("subjectRef").GetString()!;
        await stack.RunAsync("admin", "subject", "put", person, "--group", group);
        string[] purpose = ["--purpose", "named-discussion", "--group", group];

        var undecided = await stack.RunAsync(worker, ["consent", "decide", person, .. purpose, "--decision", "given", "--evidence", "F-1", "--notice", stack.Notice]);
        var inform = await stack.RunAsync(worker, "consent", "inform", person, "--channel", "in-person", "--notice", stack.Notice);
        var decide = await stack.RunAsync(worker, ["consent", "decide", person, .. purpose, "--decision", "given", "--evidence", "F-1", "--notice", stack.Notice, "--json"]);
        var receiptId = decide.Json.GetProperty("receipt").GetProperty("id").GetString()!;
        var hash = decide.Json.GetProperty("receipt").GetProperty("contentSha256").GetString()!;
        var state = await stack.RunAsync(worker, ["consent", "state", person, .. purpose]);
        var withdraw = await stack.RunAsync(worker, ["consent", "withdraw", person, .. purpose, "--evidence", "Courrier"]);
        var stateJson = await stack.RunAsync(worker, ["consent", "state", person, .. purpose, "--json"]);
        var history = await stack.RunAsync(worker, "consent", "history", person);
        var receipt = await stack.RunAsync(worker, "consent", "receipt", receiptId);
        var verified = await stack.RunAsync(worker, "consent", "verify-receipt", receiptId, "--sha256", hash, "--json");
        var forged = await stack.RunAsync(worker, "consent", "verify-receipt", receiptId, "--sha256", new string('0', 64));

        Assert.Equal(6, undecided.Code);
        Assert.Contains("rule CON-3", undecided.Error, StringComparison.Ordinal);
        Assert.Equal(0, inform.Code);
        Expect.Row("Channel         in person", inform.Output);
        Assert.Equal("DECISION_GIVEN", decide.Json.GetProperty("decision").GetProperty("decision").GetString());
        Expect.Row("State                            permitted", state.Output);
        Assert.Equal(0, withdraw.Code);
        Expect.Row("Decision    withdrawn", withdraw.Output);
        Assert.Equal("CONSENT_STATE_WITHDRAWN", stateJson.Json.GetProperty("state").GetString());
        Assert.Contains("informed (in person)", history.Output, StringComparison.Ordinal);
        Assert.Contains("given (subject)", history.Output, StringComparison.Ordinal);
        Assert.Contains("withdrawn (subject)", history.Output, StringComparison.Ordinal);
        Expect.Row($"SHA-256     {hash}", receipt.Output);
        Assert.Equal(0, verified.Code);
        Assert.True(verified.Json.GetProperty("matches").GetBoolean());
        Assert.Equal(6, forged.Code);
        Expect.Row("Person's copy matches   no", forged.Output);
    }
}
