using Clspd.Consent.V1;
using Grpc.Core;

namespace Clspd.Consent.Tests.Api;

public sealed class HistoryApiTests(ConsentHost host) : ConsentApiTestBase(host), IClassFixture<ConsentHost>
{
    [Fact]
    public async Task ListHistory_AfterGiveAndWithdraw_EveryEntryInRevisionOrder_CON_5()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();
        var informing = await InformAsync(subject, notice);
        var given = await DecideAsync(subject, notice, Decision.Given);
        var withdrawn = await WithdrawAsync(subject);

        var history = await Consent.ListHistoryAsync(new ListHistoryRequest { SubjectRef = subject }, As("coordinator"));

        Assert.Equal([informing.Revision, given.Revision, withdrawn.Revision], history.Entries.Select(e => e.Revision));
        Assert.Equal(informing.Informing.Id, history.Entries[0].Informing.Id);
        Assert.Equal([Decision.Given, Decision.Withdrawn], history.Entries.Skip(1).Select(e => e.Decision.Decision));
        Assert.Equal(0, history.NextAfterRevision);
    }

    [Fact]
    public async Task ListHistory_PageSizeOne_PagesThroughInOrder_CON_5()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();
        await InformAsync(subject, notice);
        await DecideAsync(subject, notice, Decision.Refused);

        var first = await Consent.ListHistoryAsync(new ListHistoryRequest { SubjectRef = subject, PageSize = 1 }, Worker);
        var second = await Consent.ListHistoryAsync(new ListHistoryRequest { SubjectRef = subject, PageSize = 1, AfterRevision = first.NextAfterRevision }, Worker);

        Assert.NotNull(Assert.Single(first.Entries).Informing);
        Assert.Equal(Decision.Refused, Assert.Single(second.Entries).Decision.Decision);
    }

    [Fact]
    public async Task GetReceipt_OfDecision_SameAsReturnedAndVerifies_CON_5()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();
        await InformAsync(subject, notice);
        var decision = await DecideAsync(subject, notice, Decision.Given, purpose: Purpose.ProgrammeEnrolment);

        var fetched = await Consent.GetReceiptAsync(new GetReceiptRequest { ReceiptId = decision.Receipt.Id }, As("coordinator"));
        var verified = await Consent.VerifyReceiptAsync(new VerifyReceiptRequest
        {
            ReceiptId = decision.Receipt.Id, ContentSha256 = decision.Receipt.ContentSha256.ToUpperInvariant(),
        }, As("coordinator"));

        Assert.Equal(decision.Receipt, fetched.Receipt);
        Assert.Equal(64, fetched.Receipt.ContentSha256.Length);
        Assert.Equal(notice, fetched.Receipt.NoticeVersion);
        Assert.Equal(subject, fetched.Receipt.DecidedByRef);
        Assert.True(verified.Intact);
        Assert.True(verified.Matches);
    }

    [Fact]
    public async Task VerifyReceipt_AlteredHash_DoesNotMatch_CON_5()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();
        await InformAsync(subject, notice);
        var decision = await DecideAsync(subject, notice, Decision.Refused);

        var verified = await Consent.VerifyReceiptAsync(new VerifyReceiptRequest { ReceiptId = decision.Receipt.Id, ContentSha256 = new string('0', 64) }, Worker);

        Assert.True(verified.Intact);
        Assert.False(verified.Matches);
        Assert.Equal(decision.Receipt.ContentSha256, verified.RecomputedSha256);
    }

    [Fact]
    public async Task GetReceipt_Unknown_NotFound_CON_5()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Consent.GetReceiptAsync(new GetReceiptRequest { ReceiptId = Guid.NewGuid().ToString() }, Worker).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task Watch_FromRevision_StreamsInformingDecisionAndWithdrawal_CON_4()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();
        var informing = await InformAsync(subject, notice);
        await DecideAsync(subject, notice, Decision.Given);
        var withdrawal = await WithdrawAsync(subject);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = Consent.Watch(new WatchRequest { FromRevision = informing.Revision - 1 }, Access.WithCancellationToken(cts.Token));
        var seen = new List<WatchResponse>();
        while (seen.Count < 3 && await call.ResponseStream.MoveNext(cts.Token))
        {
            seen.Add(call.ResponseStream.Current);
        }

        Assert.Equal(informing.Informing.Id, seen[0].Informing.Id);
        Assert.Equal(Decision.Given, seen[1].Decision.Decision);
        Assert.Equal(Decision.Withdrawn, seen[2].Decision.Decision);
        Assert.Equal(withdrawal.Revision, seen[2].Decision.Revision);
    }

    [Fact]
    public async Task Watch_ByParticipant_PermissionDenied_GW_1()
    {
        using var call = Consent.Watch(new WatchRequest(), Worker);

        var ex = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));

        AssertRule(ex, StatusCode.PermissionDenied, "GW-1");
    }
}
