using System.Net;
using Clspd.Consent.V1;
using Clspd.Records.V1;
using Clspd.Registry.V1;
using Clspd.Web.Tests.Infrastructure;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace Clspd.Web.Tests;

/// <summary>
/// Withdrawing a consent in the console, and the revisions the session's own writes returned passed
/// on every later case read, so that a withdrawal or a designation made here counts at once (CON-4, ACC-7).
/// </summary>
public sealed class WithdrawalPagesTests
{
    private const string Token = "access-token-for-withdrawal";
    private const string Page = "/personnes/s-1/consentement";

    [Fact]
    public async Task Withdrawal_NamedDiscussion_SentForTheRoutePersonAndConfirmed_CON_4()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new WithdrawConsentResponse
        {
            Revision = 42,
            Decision = new ConsentDecision { Decision = Consent.V1.Decision.Withdrawn, DecidedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 29, 9, 0, 0, TimeSpan.Zero)) },
        });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("referent", Token, Page);
        var form = await (await browser.GetAsync(Page + "?groupe=g-1")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var answer = await PostWithdrawalAsync(browser, form);
        var html = WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Retirer le consentement", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var request = Assert.IsType<WithdrawConsentRequest>(Assert.Single(gateway.Requests));
        Assert.Equal(("s-1", Purpose.NamedDiscussion, "g-1", "parent-1", "courrier du 28/11"),
            (request.SubjectRef, request.Purpose, request.GroupId, request.DecidedByRef, request.Evidence));
        Assert.Contains("Consentement retiré pour « Examen nominatif en groupe » le 29/11/2026 à 10:00 : toute consultation demandée après ce retrait en tient compte (CON-4).", html, StringComparison.Ordinal);
        Assert.Equal("Bearer " + Token, gateway.Authorizations.Last());
    }

    [Fact]
    public async Task Withdrawal_NoConsentInForce_RefusalShownAboveTheForm_CON_4()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Refuse<WithdrawConsentResponse>(Refusals.Rule(Code.FailedPrecondition, "CON-4", "no consent in force to withdraw"));
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("referent", Token, Page);
        var form = await (await browser.GetAsync(Page + "?groupe=g-1")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        var answer = await PostWithdrawalAsync(browser, form);
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("Refusé (CON-4) : no consent in force to withdraw", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CasePage_AfterWithdrawalInThisSession_AsksConsentAtLeastThatFresh_CON_4()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new WithdrawConsentResponse { Revision = 42 });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("referent", Token, Page);
        var form = await (await browser.GetAsync(Page + "?groupe=g-1")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var before = await ReadNamedCaseAsync(browser, gateway);

        await PostWithdrawalAsync(browser, form);
        var after = await ReadNamedCaseAsync(browser, gateway);

        Assert.Equal((0L, 0L), (before.MinConsentRevision, before.MinRegistryRevision));
        Assert.Equal((42L, 0L), (after.MinConsentRevision, after.MinRegistryRevision));
    }

    [Fact]
    public async Task CasePage_OlderWriteAfterNewerOne_KeepsTheHighestRevision_CON_4()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        await browser.SignInAsync("referent", Token, Page);
        var form = await (await browser.GetAsync(Page + "?groupe=g-1")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        gateway.Answer(new WithdrawConsentResponse { Revision = 42 });
        await PostWithdrawalAsync(browser, form);
        // An idempotent replay answers the first write's revision again; an older one must not lower the floor.
        gateway.Answer(new WithdrawConsentResponse { Revision = 7 });
        await PostWithdrawalAsync(browser, form);
        var after = await ReadNamedCaseAsync(browser, gateway);

        Assert.Equal(42L, after.MinConsentRevision);
    }

    [Fact]
    public async Task CasePage_WithdrawalInAnotherSession_NotPassedHere_CON_4()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new WithdrawConsentResponse { Revision = 42 });
        await using var host = new ConsoleHost(gateway);
        using var withdrawing = host.Browser();
        using var other = host.Browser();
        await withdrawing.SignInAsync("referent", Token, Page);
        await other.SignInAsync("referent", Token, Page);
        var form = await (await withdrawing.GetAsync(Page + "?groupe=g-1")).Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        await PostWithdrawalAsync(withdrawing, form);
        var elsewhere = await ReadNamedCaseAsync(other, gateway);
        var here = await ReadNamedCaseAsync(withdrawing, gateway);

        Assert.Equal(0L, elsewhere.MinConsentRevision);
        Assert.Equal(42L, here.MinConsentRevision);
    }

    [Fact]
    public async Task CasePage_AfterDecisionInThisSession_AsksConsentAtLeastThatFresh()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new RecordDecisionResponse { Revision = 31 });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        var form = await browser.SignedInFormAsync("referent", Token, Page);

        await browser.SubmitAsync(Page + "?handler=Decision", form,
        [
            new("requestId", "r-1"), new("purpose", "NamedDiscussion"),
            new("decisionGroupId", "g-1"), new("decision", "Given"), new("evidence", "formulaire 12"), new("noticeVersion", "n-1"),
        ]);
        var after = await ReadNamedCaseAsync(browser, gateway);

        Assert.Equal(31L, after.MinConsentRevision);
    }

    [Fact]
    public async Task CasePage_AfterRevocationInThisSession_AsksRegistryAtLeastThatFresh_ACC_7()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new RevokeDesignationResponse { Revision = 17, Designation = new Designation { Id = "d-1" } });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        const string revoke = "/designations/revoquer";
        var form = await browser.SignedInFormAsync("coordo", Token, revoke);

        var revoked = await browser.SubmitAsync(revoke, form,
            [new("RequestId", "r-1"), new("DesignationId", "d-1"), new("Reason", "fin de mission")]);
        var after = await ReadNamedCaseAsync(browser, gateway);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.Equal((0L, 17L), (after.MinConsentRevision, after.MinRegistryRevision));
    }

    private static Task<HttpResponseMessage> PostWithdrawalAsync(TestBrowser browser, string form) =>
        browser.SubmitAsync(Page + "?handler=Retrait", form,
        [
            new("requestId", "r-1"), new("purpose", "NamedDiscussion"),
            new("withdrawalGroupId", "g-1"), new("decidedByRef", "parent-1"), new("evidence", "courrier du 28/11"),
        ]);

    private static async Task<GetCaseRequest> ReadNamedCaseAsync(TestBrowser browser, FakeGateway gateway)
    {
        var answer = await browser.GetAsync("/dossiers/case-1?nominatif=true");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return gateway.Requests.OfType<GetCaseRequest>().Last();
    }
}
