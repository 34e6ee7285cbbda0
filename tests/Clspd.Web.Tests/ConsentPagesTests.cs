using System.Net;
using Clspd.Consent.V1;
using Clspd.Web.Tests.Infrastructure;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Web.Tests;

/// <summary>Notices and consent: publishing lists the missing items, a minor's decision names its decider.</summary>
public sealed class ConsentPagesTests
{
    private const string Token = "access-token-for-consent";

    [Fact]
    public async Task PublishNotice_MissingItems_EachListed_CON_1()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new ListNoticesResponse { Notices = { new Notice { Id = "n-1", Status = NoticeStatus.Draft, Content = new NoticeContent { Title = "Information" } } } });
        var failure = new PreconditionFailure();
        failure.Violations.Add(new PreconditionFailure.Types.Violation { Type = "CON-1", Subject = "dpo_contact", Description = "missing" });
        failure.Violations.Add(new PreconditionFailure.Types.Violation { Type = "CON-1", Subject = "cnil_complaint", Description = "missing" });
        gateway.Refuse<PublishNoticeResponse>(new Google.Rpc.Status
        {
            Code = (int)Code.FailedPrecondition,
            Message = "CON-1: the notice lacks 2 mandatory items",
            Details = { Google.Protobuf.WellKnownTypes.Any.Pack(failure) },
        }.ToRpcException());
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        const string page = "/conseils/c-1/notices";
        var form = await browser.SignedInFormAsync("coordo", Token, page);

        var answer = await browser.SubmitAsync(page + "?handler=Publier", form,
            [new("noticeId", "n-1"), new("requestId", "r-1")]);
        var html = await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Contains("Publier « Information »", form, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Contains("Refusé (CON-1) : CON-1: the notice lacks 2 mandatory items", html, StringComparison.Ordinal);
        Assert.Contains("<li>CON-1 (dpo_contact) : missing</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>CON-1 (cnil_complaint) : missing</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordDecision_LegalRepresentative_SentAsDecider()
    {
        await using var gateway = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(gateway);
        using var browser = host.Browser();
        const string page = "/personnes/s-1/consentement";
        var form = await browser.SignedInFormAsync("referent", Token, page);

        var answer = await browser.SubmitAsync(page + "?handler=Decision", form,
        [
            new("requestId", "r-1"), new("purpose", "NamedDiscussion"),
            new("decisionGroupId", "g-1"), new("decision", "Given"), new("decidedByRef", "parent-1"), new("evidence", "formulaire 12"), new("noticeVersion", "n-1"),
        ]);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var request = Assert.IsType<RecordDecisionRequest>(Assert.Single(gateway.Requests));
        Assert.Equal(("s-1", Purpose.NamedDiscussion, "g-1", Decision.Given, "parent-1", "n-1"),
            (request.SubjectRef, request.Purpose, request.GroupId, request.Decision, request.DecidedByRef, request.NoticeVersion));
    }

    [Fact]
    public async Task RecordDecision_ConsentGatewaySet_GoesToTheDepartmentsGateway()
    {
        await using var commune = await FakeGateway.StartAsync();
        await using var department = await FakeGateway.StartAsync();
        await using var host = new ConsoleHost(commune, new Dictionary<string, string?> { ["Web:ConsentGateway"] = department.Address.ToString() });
        using var browser = host.Browser();
        const string page = "/personnes/s-1/consentement";
        var form = await browser.SignedInFormAsync("referent", Token, page);

        var answer = await browser.SubmitAsync(page + "?handler=Decision", form,
        [
            new("requestId", "r-1"), new("purpose", "NamedDiscussion"),
            new("decisionGroupId", "g-1"), new("decision", "Given"), new("decidedByRef", string.Empty), new("evidence", "formulaire 12"), new("noticeVersion", "n-1"),
        ]);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.IsType<RecordDecisionRequest>(Assert.Single(department.Requests));
        Assert.DoesNotContain(commune.Requests, r => r is RecordDecisionRequest);
        Assert.Contains("Bearer " + Token, department.Authorizations);
    }
}
