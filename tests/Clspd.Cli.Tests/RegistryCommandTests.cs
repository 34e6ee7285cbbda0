namespace Clspd.Cli.Tests;

/// <summary>council, group, meeting, institution, participant, designation, charter — table, --json and exit codes.</summary>
public sealed class RegistryCommandTests(StackFixture stack)
{
    private static readonly DateTime Day = DateTime.UtcNow.AddDays(7);

    private static string Unique(string what) => $"{what}-{Guid.NewGuid():N}"[..20];

    [Fact]
    public async Task Council_CreateGetOfficers_TableJsonAndHistory_REG_1()
    {
        var id = Unique("c");
        var created = await stack.RunAsync("admin", "council", "create", "--name", "CLSPD de Test", "--insee", "91667", "--controller", "Jeanne Martin", "--request-id", id, "--json");
        var council = created.Json.GetProperty("council").GetProperty("id").GetString()!;
        var table = await stack.RunAsync("admin", "council", "get", council);
        var officer = await stack.RunAsync("admin", "council", "set-officer", council, "--office", "coordinator", "--name", "Inès Robert", "--reason", "arrêté 2026-12");
        var officers = await stack.RunAsync("admin", "council", "officers", council);
        var officersJson = await stack.RunAsync("admin", "council", "officers", council, "--json");

        Assert.Equal(0, created.Code);
        Assert.False(created.Json.GetProperty("council").GetProperty("readyForNominativeProcessing").GetBoolean());
        Assert.Equal(0, table.Code);
        Expect.Row("Ready for named data    no (REG-1: name the controller and the coordinator)", table.Output);
        Expect.Row("Coordinator             (not named)", table.Output);
        Assert.Equal(0, officer.Code);
        Assert.Contains("coordinator: (vacant) → Inès Robert", officer.Output, StringComparison.Ordinal);
        Expect.Row("Ready for named data    yes", officer.Output);
        Assert.Matches(@"\d\d/\d\d/\d{4} \d\d:\d\d  coordinator +Inès Robert +arrêté 2026-12", officers.Output);
        Assert.Equal(2, officersJson.Json.GetProperty("changes").GetArrayLength());
    }

    [Fact]
    public async Task Council_Unknown_Exit4WithStatus()
    {
        var result = await stack.RunAsync("admin", "council", "get", "01a00000-0000-7000-8000-000000000000");

        Assert.Equal(4, result.Code);
        Assert.StartsWith("error: not found (NotFound)", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Council_InvalidInsee_Exit3NamingTheField()
    {
        var result = await stack.RunAsync("admin", "council", "create", "--name", "X", "--insee", "12", "--json");

        Assert.Equal(3, result.Code);
        Assert.Contains("\"status\":\"InvalidArgument\"", result.Error, StringComparison.Ordinal);
        Assert.Contains("commune_insee_codes", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Group_CreateGetParticipantsClose_REG_2_REG_7()
    {
        var created = await stack.RunAsync("admin", "group", "create", "--council", stack.Council, "--name", "Groupe thématique Décrochage", "--kind", "thematic", "--json");
        var group = created.Json.GetProperty("group").GetProperty("id").GetString()!;
        var get = await stack.RunAsync("admin", "group", "get", group);
        var participants = await stack.RunAsync(stack.Subject("cd91"), "group", "participants", stack.Group("operational"));
        var participantsJson = await stack.RunAsync(stack.Subject("cd91"), "group", "participants", stack.Group("operational"), "--json");
        var close = await stack.RunAsync("admin", "group", "close", group, "--reason", "fusion");
        var closedJson = await stack.RunAsync("admin", "group", "get", group, "--json");

        Assert.Equal(0, created.Code);
        Assert.Equal("GROUP_KIND_THEMATIC", created.Json.GetProperty("group").GetProperty("kind").GetString());
        Expect.Row("Kind         thematic", get.Output);
        Expect.Row("Holds cases  yes", get.Output);
        Assert.Equal(0, participants.Code);
        Assert.Matches(@"Thomas Girard +Délégué cohésion police-population +Commissariat de police nationale.* +police +group member .* never \(REG-6\)", participants.Output);
        Assert.Matches(@"Camille Martin +Éducatrice spécialisée .* path referent", participants.Output);
        // The seven seeded participants of the group (other tests may designate more meanwhile); Camille Martin twice, as member and as path referent.
        var names = participantsJson.Json.GetProperty("participants").EnumerateArray().Select(p => p.GetProperty("fullName").GetString()).ToList();
        Assert.Equal(2, names.Count(n => n == "Camille Martin"));
        Assert.Superset(new HashSet<string?> { "Inès Robert", "Sophie Lambert", "Camille Martin", "Nadia Haddad", "Julie Moreau", "Thomas Girard" }, names.ToHashSet());
        Assert.Equal(0, close.Code);
        Assert.Contains("Designations ended: 0", close.Output, StringComparison.Ordinal);
        Assert.True(closedJson.Json.GetProperty("group").TryGetProperty("closedAt", out _));
    }

    [Fact]
    public async Task Meeting_ScheduleListAttendees_FrenchDates()
    {
        var group = stack.Group("territorial");
        var scheduled = await stack.RunAsync("admin", "meeting", "schedule", "--group", group, "--date", Day.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), "--place", "Mairie, salle du conseil", "--json");
        var meeting = scheduled.Json.GetProperty("meeting").GetProperty("id").GetString()!;
        var list = await stack.RunAsync("admin", "meeting", "list", "--group", group);
        var attendees = await stack.RunAsync("admin", "meeting", "attendees", meeting);
        var attendeesJson = await stack.RunAsync("admin", "meeting", "attendees", meeting, "--json");

        Assert.Equal(0, scheduled.Code);
        Assert.Equal(Day.Year, scheduled.Json.GetProperty("meeting").GetProperty("date").GetProperty("year").GetInt32());
        Expect.Row($"{meeting}  {Day:dd/MM/yyyy}  Mairie, salle du conseil", list.Output);
        Assert.Contains($"Meeting of {Day:dd/MM/yyyy}, Mairie, salle du conseil", attendees.Output, StringComparison.Ordinal);
        Assert.Contains("Karim Benali", attendees.Output, StringComparison.Ordinal);
        Assert.Equal(3, attendeesJson.Json.GetProperty("attendees").GetArrayLength());
    }

    [Fact]
    public async Task Institution_ParticipantCharterDesignation_FullPath_REG_3_REG_4_REG_6()
    {
        var tag = Unique("p");
        var institution = await stack.RunAsync("admin", "institution", "create", "--name", "Gendarmerie " + tag, "--kind", "gendarmerie", "--json");
        var institutionId = institution.Json.GetProperty("institution").GetProperty("id").GetString()!;
        string[] register = ["participant", "register", "--name", "Luc Bernard", "--function", "Adjudant",
            "--institution", institutionId, "--email", "luc@example.org", "--subject", tag, "--request-id", tag];
        var participantId = (await stack.RunAsync("admin", [.. register, "--json"])).Json.GetProperty("participant").GetProperty("id").GetString()!;
        var participant = await stack.RunAsync("admin", register);
        var designate = new[] { "designation", "create", "--participant", participantId, "--group", stack.Group("operational"), "--role", "group-member",
            "--order", "2026-200", "--order-date", "01/11/2026", "--signed-by", "Le maire", "--from", "2026-11-01", "--to", "2030-01-01" };

        var refused = await stack.RunAsync("admin", designate);
        var status = await stack.RunAsync("admin", "charter", "status", "--council", stack.Council, "--participant", participantId);
        var sign = await stack.RunAsync("admin", "charter", "sign", "--council", stack.Council, "--version", "2026-1", "--institution", institutionId,
            "--signatory", "Colonel Durand", "--function", "Commandant de groupement");
        var accept = await stack.RunAsync(tag, "charter", "accept", "--council", stack.Council, "--version", "2026-1", "--i-know-every-access-is-traced");
        var statusJson = await stack.RunAsync("admin", "charter", "status", "--council", stack.Council, "--participant", participantId, "--json");
        var designated = await stack.RunAsync("admin", designate);
        var of = await stack.RunAsync("admin", "designation", "of", tag, "--json");
        var designationId = of.Json.GetProperty("designations")[0].GetProperty("id").GetString()!;
        var revoked = await stack.RunAsync("admin", "designation", "revoke", designationId, "--reason", "fin de mission");
        var history = await stack.RunAsync("admin", "participant", "designations", participantId, "--history");
        var breach = await stack.RunAsync("admin", "participant", "breach", participantId, "--council", stack.Council, "--reason", "divulgation", "--json");

        Assert.Equal(0, institution.Code);
        Assert.True(institution.Json.GetProperty("institution").GetProperty("nonNominative").GetBoolean());
        Assert.Equal(0, participant.Code);
        Expect.Row($"Participant  {participantId}", participant.Output);
        Expect.Row($"Signs in as  {tag}", participant.Output);
        Assert.Equal(6, refused.Code);
        Assert.Contains("refused by a rule (FailedPrecondition) — rule REG-3", refused.Error, StringComparison.Ordinal);
        Expect.Row("May be designated      no", status.Output);
        Assert.Equal(0, sign.Code);
        Expect.Row("Signatory    Colonel Durand, Commandant de groupement", sign.Output);
        Assert.Equal(0, accept.Code);
        Expect.Row("Every access traced  yes", accept.Output);
        Assert.True(statusJson.Json.GetProperty("sufficient").GetBoolean());
        Assert.Equal(0, designated.Code);
        Assert.StartsWith("warning: REG-6", designated.Output, StringComparison.Ordinal);
        Assert.Contains("2026-200 of 01/11/2026", designated.Output, StringComparison.Ordinal);
        Assert.Equal("ROLE_GROUP_MEMBER", of.Json.GetProperty("designations")[0].GetProperty("role").GetString());
        Assert.Equal(0, revoked.Code);
        Assert.Contains("revoked ", revoked.Output, StringComparison.Ordinal);
        Assert.Contains(": fin de mission", history.Output, StringComparison.Ordinal);
        Assert.Equal(0, breach.Code);
        Assert.Equal("divulgation", breach.Json.GetProperty("breach").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Charter_PublishFromFileAndList_HashOfTheText()
    {
        var council = (await stack.RunAsync("admin", "council", "create", "--name", "CLSPD charte", "--insee", "91667", "--json")).Json.GetProperty("council").GetProperty("id").GetString()!;
        var file = Path.Combine(stack.NewHome(), "charte.txt");
        await File.WriteAllTextAsync(file, "Charte", TestContext.Current.CancellationToken);

        var published = await stack.RunAsync("admin", "charter", "publish", "--council", council, "--version", "2027-1", "--date", "2026-11-02", "--file", file);
        var list = await stack.RunAsync("admin", "charter", "list", "--council", council, "--json");
        var missing = await stack.RunAsync("admin", "charter", "publish", "--council", council, "--version", "2027-2", "--date", "02/11/2026");

        Assert.Equal(0, published.Code);
        Expect.Row("2027-1   02/11/2026", published.Output);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("Charte"u8)), list.Json.GetProperty("versions")[0].GetProperty("textSha256").GetString());
        Assert.Equal(2, missing.Code);
        Assert.Contains("--file", missing.Error, StringComparison.Ordinal);
    }
}
