using System.Net;
using Clspd.Consent.V1;
using Clspd.Records.V1;
using Clspd.Registry.V1;
using Clspd.Web.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace Clspd.Web.Tests;

/// <summary>Scheduling a group's meeting, and editing a notice draft, from the console.</summary>
public sealed class MeetingAndNoticePagesTests
{
    private const string Token = "access-token-for-meetings";
    private const string Meetings = "/groupes/g-1/reunions";
    private const string Notices = "/conseils/c-1/notices";

    [Fact]
    public async Task ScheduleMeeting_DayAndPlace_SentForTheRouteGroupAndConfirmed()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new ScheduleMeetingResponse
        {
            Revision = 23,
            Meeting = new Meeting { Id = "m-9", GroupId = "g-1", Date = new Google.Type.Date { Year = 2027, Month = 1, Day = 14 }, PlaceLabel = "Mairie, salle du conseil" },
        });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        var form = await browser.SignedInFormAsync("coordo", Token, Meetings);

        var answer = await browser.SubmitAsync(Meetings, form,
            [new("RequestId", "r-1"), new("Day", "2027-01-14"), new("Place", "  Mairie, salle du conseil ")]);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var named = await browser.GetAsync("/dossiers/case-1?nominatif=true");

        Assert.Contains("Prévoir la réunion", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var request = Assert.Single(gateway.Requests.OfType<ScheduleMeetingRequest>());
        Assert.Equal(("r-1", "g-1", 2027, 1, 14, "Mairie, salle du conseil"),
            (request.RequestId, request.GroupId, request.Date.Year, request.Date.Month, request.Date.Day, request.PlaceLabel));
        Assert.Contains("Réunion prévue le 14/01/2027 (Mairie, salle du conseil).", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(23L, gateway.Requests.OfType<GetCaseRequest>().Last().MinRegistryRevision);
    }

    [Fact]
    public async Task ScheduleMeeting_NoDay_FormRefusedWithoutCallingTheRegistry()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        var form = await browser.SignedInFormAsync("coordo", Token, Meetings);

        var answer = await browser.SubmitAsync(Meetings, form,
            [new("RequestId", "r-1"), new("Day", ""), new("Place", "Mairie")]);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Empty(gateway.Requests);
        Assert.Contains("Indiquez la date de la réunion.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduleMeeting_NotTheCoordinator_RefusalWithItsRuleShown_REG_2()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Refuse<ScheduleMeetingResponse>(Refusals.Rule(Code.PermissionDenied, "REG-2", "only a bootstrap administrator or the council's coordinator may schedule a meeting"));
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        var form = await browser.SignedInFormAsync("educ", Token, Meetings);

        var answer = await browser.SubmitAsync(Meetings, form,
            [new("RequestId", "r-1"), new("Day", "2027-01-14"), new("Place", "Mairie")]);
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("Refusé (REG-2) : only a bootstrap administrator or the council&#x27;s coordinator may schedule a meeting", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Mairie\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoticeDraft_Opened_FormFilledWithItsContent_PublishedOneNotEditable()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new ListNoticesResponse
        {
            Notices =
            {
                new Notice { Id = "n-2", Status = NoticeStatus.Draft, Content = new NoticeContent { Title = "Information 2027", Retention = "3 ans" } },
                new Notice { Id = "n-1", Status = NoticeStatus.Published, Version = 1, Content = new NoticeContent { Title = "Information 2026" } },
            },
        });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("coordo", Token, Notices);

        var list = WebUtility.HtmlDecode(await (await browser.GetAsync(Notices)).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var draft = WebUtility.HtmlDecode(await (await browser.GetAsync(Notices + "?modifier=n-2")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var published = WebUtility.HtmlDecode(await (await browser.GetAsync(Notices + "?modifier=n-1")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Modifier « Information 2027 »", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Modifier « Information 2026 »", list, StringComparison.Ordinal);
        Assert.Contains("Modifier le brouillon « Information 2027 »", draft, StringComparison.Ordinal);
        Assert.Contains("name=\"Edit.Retention\" maxlength=\"4000\" rows=\"2\">3 ans</textarea>", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("Modifier le brouillon", published, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoticeDraft_Edited_WholeContentSentForThatDraft()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new ListNoticesResponse { Notices = { new Notice { Id = "n-2", Status = NoticeStatus.Draft, Content = new NoticeContent { Title = "Information 2027" } } } });
        gateway.Answer(new UpdateNoticeDraftResponse
        {
            Notice = new Notice
            {
                Id = "n-2", Status = NoticeStatus.Draft, Content = new NoticeContent { Title = "Information 2027" },
                UpdatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 7, 10, 30, 0, TimeSpan.Zero)),
            },
        });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("coordo", Token, Notices);
        var form = await (await browser.GetAsync(Notices + "?modifier=n-2")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var answer = await browser.SubmitAsync(Notices + "?modifier=n-2&handler=Modifier", form,
        [
            new("requestId", "r-5"),
            new("Edit.Title", "Information 2027"), new("Edit.Retention", "3 ans après la fin du suivi"), new("Edit.DpoContact", "dpo@commune.fr"),
        ]);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var request = Assert.IsType<UpdateNoticeDraftRequest>(Assert.Single(gateway.Requests));
        Assert.Equal(("r-5", "n-2", "Information 2027", "3 ans après la fin du suivi", "dpo@commune.fr", ""),
            (request.RequestId, request.NoticeId, request.Content.Title, request.Content.Retention, request.Content.DpoContact, request.Content.Controller));
        Assert.Contains("Brouillon « Information 2027 » mis à jour le 07/12/2026 à 11:30.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoticeDraft_AlreadyPublished_RefusalShownAndTypedTextKept_CON_1()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new ListNoticesResponse { Notices = { new Notice { Id = "n-2", Status = NoticeStatus.Draft, Content = new NoticeContent { Title = "Information 2027" } } } });
        gateway.Refuse<UpdateNoticeDraftResponse>(Refusals.Rule(Code.FailedPrecondition, "CON-1", "a published notice is never changed"));
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("coordo", Token, Notices);
        var form = await (await browser.GetAsync(Notices + "?modifier=n-2")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var answer = await browser.SubmitAsync(Notices + "?modifier=n-2&handler=Modifier", form,
            [new("requestId", "r-6"), new("Edit.Title", "Information 2027"), new("Edit.Rights", "accès, rectification")]);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Contains("Refusé (CON-1) : a published notice is never changed", html, StringComparison.Ordinal);
        Assert.Contains(">accès, rectification</textarea>", html, StringComparison.Ordinal);
    }
}
