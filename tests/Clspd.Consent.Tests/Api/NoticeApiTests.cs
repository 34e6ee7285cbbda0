using Clspd.Consent.Tests.Domain;
using Clspd.Consent.V1;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Consent.Tests.Api;

public sealed class NoticeApiTests(ConsentHost host) : ConsentApiTestBase(host), IClassFixture<ConsentHost>
{
    [Fact]
    public async Task PublishNotice_MissingItems_FailedPreconditionListingEachItem_CON_1()
    {
        var content = NoticeRulesTests.Complete();
        content.DpoContact = "";
        content.CnilComplaint = " ";
        var draft = await Notices.CreateNoticeDraftAsync(new CreateNoticeDraftRequest { RequestId = NewId(), CouncilId = "c-1", Content = content }, Dpo);

        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Notices.PublishNoticeAsync(new PublishNoticeRequest { RequestId = NewId(), NoticeId = draft.Notice.Id }, Dpo).ResponseAsync);

        AssertRule(ex, StatusCode.FailedPrecondition, "CON-1");
        var violations = ex.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations;
        Assert.Equal(["content.dpo_contact", "content.cnil_complaint"], violations.Select(v => v.Subject));
        Assert.All(violations, v => Assert.Equal("CON-1", v.Type));
        Assert.Contains("the right to lodge a complaint with the CNIL", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishNotice_Complete_NumberedPerCouncilAndImmutable_CON_1()
    {
        var council = "c-" + NewId()[..8];
        var first = await PublishedNoticeAsync(council);
        var second = await PublishedNoticeAsync(council);

        var list = await Notices.ListNoticesAsync(new ListNoticesRequest { CouncilId = council, PublishedOnly = true }, Dpo);
        Assert.Equal([(second, 2), (first, 1)], list.Notices.Select(n => (n.Id, n.Version)));
        Assert.All(list.Notices, n => Assert.Equal(NoticeStatus.Published, n.Status));

        var ex = await Assert.ThrowsAsync<RpcException>(() => Notices.UpdateNoticeDraftAsync(new UpdateNoticeDraftRequest
        {
            RequestId = NewId(), NoticeId = first, Content = NoticeRulesTests.Complete(),
        }, Dpo).ResponseAsync);
        AssertRule(ex, StatusCode.FailedPrecondition, "CON-1");
        var republish = await Assert.ThrowsAsync<RpcException>(() =>
            Notices.PublishNoticeAsync(new PublishNoticeRequest { RequestId = NewId(), NoticeId = first }, Dpo).ResponseAsync);
        AssertRule(republish, StatusCode.FailedPrecondition, "CON-1");
    }

    [Fact]
    public async Task UpdateNoticeDraft_Draft_ContentReplaced_CON_1()
    {
        var draft = await Notices.CreateNoticeDraftAsync(new CreateNoticeDraftRequest { RequestId = NewId(), CouncilId = "c-2" }, Dpo);
        var updated = await Notices.UpdateNoticeDraftAsync(new UpdateNoticeDraftRequest
        {
            RequestId = NewId(), NoticeId = draft.Notice.Id, Content = NoticeRulesTests.Complete(),
        }, Dpo);

        Assert.Equal(NoticeStatus.Draft, updated.Notice.Status);
        Assert.Equal("dpo@villeneuve.example", (await Notices.GetNoticeAsync(new GetNoticeRequest { NoticeId = draft.Notice.Id }, Dpo)).Notice.Content.DpoContact);
    }

    [Fact]
    public async Task CreateNoticeDraft_NotAnEditor_PermissionDenied_CON_1()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            Notices.CreateNoticeDraftAsync(new CreateNoticeDraftRequest { RequestId = NewId(), CouncilId = "c-3" }, Worker).ResponseAsync);

        AssertRule(ex, StatusCode.PermissionDenied, "CON-1");
    }

    [Fact]
    public async Task CreateNoticeDraft_OversizeItem_InvalidArgumentNamingIt()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Notices.CreateNoticeDraftAsync(new CreateNoticeDraftRequest
        {
            RequestId = NewId(), CouncilId = "c-4", Content = new NoticeContent { Purposes = new string('x', 4001) },
        }, Dpo).ResponseAsync);

        AssertField(ex, "content.purposes");
    }

    [Fact]
    public async Task RenderNotice_ForMinorSubject_FrenchTextAndEncodedHtml_CON_1()
    {
        var notice = await PublishedNoticeAsync();
        var minor = await SubjectAsync(new DateOnly(2031, 3, 1), ["rep-1"]);

        var page = await Notices.RenderNoticeAsync(new RenderNoticeRequest { NoticeId = notice, SubjectRef = minor }, Worker);

        Assert.Contains("Responsable du traitement\n-------------------------\nLe maire de Villeneuve", page.Text, StringComparison.Ordinal);
        Assert.Contains("Réclamation auprès de la CNIL", page.Html, StringComparison.Ordinal);
        Assert.Contains("Référence de la personne : <strong>" + minor + "</strong>", page.Html, StringComparison.Ordinal);
        Assert.Contains("Jusqu&#x27;à la fin du suivi", page.Html, StringComparison.Ordinal);
        Assert.Contains("représentants légaux", page.Text, StringComparison.Ordinal);
    }
}
