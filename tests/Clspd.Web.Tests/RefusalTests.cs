using System.Net;
using Clspd.Registry.V1;
using Clspd.Web.Display;
using Clspd.Web.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Web.Tests;

/// <summary>A service's refusal shown as a French sentence with its rule id and the right HTTP status, never a stack trace.</summary>
public sealed class RefusalTests
{
    private const string Token = "access-token-for-refusals";

    [Fact]
    public void From_PermissionDenied_FrenchSentenceWithRuleId_ACC_2()
    {
        var refusal = Refusal.From(Refusals.Rule(Code.PermissionDenied, "ACC-2", "a police participant never receives nominative data"));

        Assert.Equal(403, refusal.HttpStatus);
        Assert.Equal(["ACC-2"], refusal.RuleIds);
        Assert.Equal("Refusé (ACC-2) : a police participant never receives nominative data", refusal.Sentence);
    }

    [Theory]
    [InlineData(StatusCode.NotFound, 404, "Introuvable")]
    [InlineData(StatusCode.InvalidArgument, 400, "Saisie invalide")]
    [InlineData(StatusCode.FailedPrecondition, 409, "Refusé")]
    [InlineData(StatusCode.AlreadyExists, 409, "Déjà enregistré")]
    [InlineData(StatusCode.Unavailable, 503, "Service indisponible")]
    [InlineData(StatusCode.Internal, 500, "Erreur")]
    public void From_Status_HttpStatusAndFrenchWords(StatusCode code, int http, string words)
    {
        var refusal = Refusal.From(new RpcException(new Grpc.Core.Status(code, "detail of the service")));

        Assert.Equal(http, refusal.HttpStatus);
        Assert.StartsWith(words + " : ", refusal.Sentence, StringComparison.Ordinal);
    }

    [Fact]
    public void From_Internal_ShowsNoServiceDetail()
    {
        var refusal = Refusal.From(new RpcException(new Grpc.Core.Status(StatusCode.Internal, "System.NullReferenceException at Clspd.Records.Store")));

        Assert.DoesNotContain("Exception", refusal.Sentence, StringComparison.Ordinal);
        Assert.Equal("Erreur : le service n'a pas pu traiter la demande ; réessayez plus tard ou prévenez l'administrateur.", refusal.Sentence);
    }

    [Fact]
    public async Task CouncilPage_PermissionDenied_Page403WithRuleAndSentence_ACC_1()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Refuse<GetCouncilResponse>(Refusals.Rule(Code.PermissionDenied, "ACC-1", "only the council's coordinator reads this"));
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("camille", Token);

        var answer = await browser.GetAsync("/conseils/c-1");
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("Refusé (ACC-1) : only the council&#x27;s coordinator reads this", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Refusé</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("RpcException", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CouncilPage_NotFound_Page404()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Refuse<GetCouncilResponse>(Refusals.NotFound("council c-9 not found"));
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("camille", Token);

        var answer = await browser.GetAsync("/conseils/c-9");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Contains("Introuvable : council c-9 not found", await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DesignationForm_RuleRefusal_ShownAboveFormKeepingInput_REG_3()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Refuse<DesignateResponse>(Refusals.Rule(Code.FailedPrecondition, "REG-3", "the institution has not signed the current charter version"));
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        var form = await browser.SignedInFormAsync("coordo", Token, "/designations/nouvelle");

        var answer = await browser.PostAsync("/designations/nouvelle", DesignationFields(TestBrowser.AntiforgeryToken(form)));
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Contains("Refusé (REG-3) : the institution has not signed the current charter version", html, StringComparison.Ordinal);
        Assert.Contains("value=\"participant-7\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DesignationForm_Recorded_SendsMayorOrderAndParisDays()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new DesignateResponse { Designation = new Designation { Id = "d-1", Role = Role.GroupMember } });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        var form = await browser.SignedInFormAsync("coordo", Token, "/designations/nouvelle");

        var answer = await browser.PostAsync("/designations/nouvelle", DesignationFields(TestBrowser.AntiforgeryToken(form)));
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("Désignation enregistrée (d-1)", html, StringComparison.Ordinal);
        var request = Assert.IsType<DesignateRequest>(Assert.Single(gateway.Requests));
        Assert.Equal("2026-114", request.Order.Number);
        Assert.Equal(new Google.Type.Date { Year = 2026, Month = 11, Day = 20 }, request.Order.Date);
        Assert.Equal("participant-7", request.ParticipantId);
        // Midnight in Paris (UTC+1 in December) is 23:00 UTC the day before.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero), request.ValidFrom.ToDateTimeOffset());
    }

    private static KeyValuePair<string, string>[] DesignationFields(string antiforgery) =>
    [
        new("__RequestVerificationToken", antiforgery),
        new("Form.RequestId", "r-1"),
        new("Form.ParticipantId", "participant-7"),
        new("Form.GroupId", "group-1"),
        new("Form.Role", "GroupMember"),
        new("Form.OrderNumber", "2026-114"),
        new("Form.OrderDate", "2026-11-20"),
        new("Form.SignedBy", "Le maire, Jeanne Martin"),
        new("Form.ValidFrom", "2026-12-01"),
        new("Form.ValidTo", "2027-12-01"),
    ];
}
