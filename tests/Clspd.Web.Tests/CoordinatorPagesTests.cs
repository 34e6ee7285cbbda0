using System.Net;
using Clspd.Records.V1;
using Clspd.Web.Tests.Infrastructure;
using Google.Rpc;

namespace Clspd.Web.Tests;

/// <summary>The coordinator's forms send what the rules need: the meeting's group, the move's reason, the archive opening's reason.</summary>
public sealed class CoordinatorPagesTests
{
    private const string Token = "access-token-for-coordinator";

    [Fact]
    public async Task MeetingClose_SendsRouteMeetingAndGroup_ShowsPurge_REC_9()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new CloseMeetingResponse { AgendaItemsPurged = 3, DecisionsKept = 2 });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        const string page = "/groupes/g-1/reunions/m-1";
        var form = await browser.SignedInFormAsync("coordo", Token, page);

        var answer = await browser.SubmitAsync(page + "?handler=Clore", form, [new("RequestId", "r-1")]);
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var request = Assert.IsType<CloseMeetingRequest>(Assert.Single(gateway.Requests));
        Assert.Equal(("m-1", "g-1", "r-1"), (request.MeetingId, request.GroupId, request.RequestId));
        Assert.Contains("Réunion close : 3 inscription(s) à l'ordre du jour purgée(s), 2 décision(s) conservée(s).", html.Replace("&#x27;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveCase_WrongReason_RuleShown_REC_8()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Refuse<MoveCaseResponse>(Refusals.Rule(Code.FailedPrecondition, "REC-8", "a case goes to the CDDF only for parental responsibility"));
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        const string page = "/dossiers/case-1/deplacer";
        var form = await browser.SignedInFormAsync("coordo", Token, page);

        var answer = await browser.SubmitAsync(page, form,
            [new("RequestId", "r-2"), new("TargetGroupId", "cddf-1"), new("Reason", "IndividualPrevention")]);
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        var request = Assert.IsType<MoveCaseRequest>(Assert.Single(gateway.Requests));
        Assert.Equal(("case-1", "cddf-1", MoveReason.IndividualPrevention), (request.CaseId, request.TargetGroupId, request.Reason));
        Assert.Contains("Refusé (REC-8) : a case goes to the CDDF only for parental responsibility", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenArchivedCase_SendsTypedReason()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new OpenArchivedCaseResponse { Case = new Case { Id = "case-1", CaseCode = "C-ARCH1" }, DecisionId = "dec-1" });
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        const string page = "/dossiers/case-1/ouvrir-archive";
        var form = await browser.SignedInFormAsync("coordo", Token, page);

        var answer = await browser.SubmitAsync(page, form, [new("Reason", "LegalClaim")]);
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(ArchiveOpeningReason.LegalClaim, Assert.IsType<OpenArchivedCaseRequest>(Assert.Single(gateway.Requests)).Reason);
        Assert.Contains("C-ARCH1", html, StringComparison.Ordinal);
    }
}
