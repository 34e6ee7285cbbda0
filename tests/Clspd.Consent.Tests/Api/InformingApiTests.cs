using Clspd.Consent.V1;
using Grpc.Core;

namespace Clspd.Consent.Tests.Api;

public sealed class InformingApiTests(ConsentHost host) : ConsentApiTestBase(host), IClassFixture<ConsentHost>
{
    [Fact]
    public async Task RecordInforming_InTheFuture_InvalidArgument_CON_2()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => InformAsync(subject, notice, at: Now.AddMinutes(5)));

        AssertField(ex, "informed_at");
    }

    [Fact]
    public async Task RecordInforming_DraftNotice_FailedPrecondition_CON_1()
    {
        var draft = await Notices.CreateNoticeDraftAsync(new CreateNoticeDraftRequest { RequestId = NewId(), CouncilId = "c-9" }, Dpo);
        var subject = await SubjectAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => InformAsync(subject, draft.Notice.Id));

        AssertRule(ex, StatusCode.FailedPrecondition, "CON-1");
    }

    [Fact]
    public async Task RecordInforming_PartyNotARepresentative_InvalidArgument_CON_2()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync(new DateOnly(2031, 1, 1), ["rep-1"]);

        var ex = await Assert.ThrowsAsync<RpcException>(() => InformAsync(subject, notice, party: "stranger"));

        AssertField(ex, "party_ref");
    }

    [Fact]
    public async Task RecordInforming_UnknownSubject_NotFound()
    {
        var notice = await PublishedNoticeAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => InformAsync("p-unknown", notice));

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task RecordInforming_SameRequestIdTwice_OneInformingOneRevision()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();
        var request = new RecordInformingRequest { RequestId = NewId(), SubjectRef = subject, Channel = Channel.Letter, NoticeVersion = notice };

        var first = await Consent.RecordInformingAsync(request, Worker);
        var retry = await Consent.RecordInformingAsync(request, Worker);

        Assert.Equal(first, retry);
        var history = await Consent.ListHistoryAsync(new ListHistoryRequest { SubjectRef = subject }, Worker);
        Assert.Single(history.Entries);
    }

    [Fact]
    public async Task RecordInforming_SameRequestIdOtherContent_InvalidArgument()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();
        var request = new RecordInformingRequest { RequestId = NewId(), SubjectRef = subject, Channel = Channel.Letter, NoticeVersion = notice };
        await Consent.RecordInformingAsync(request, Worker);
        request.Channel = Channel.Phone;

        var ex = await Assert.ThrowsAsync<RpcException>(() => Consent.RecordInformingAsync(request, Worker).ResponseAsync);

        AssertField(ex, "request_id");
    }

    [Fact]
    public async Task GetConsentState_MeetingBeforeInforming_NamedDiscussionNotPossible_CON_2()
    {
        var (subject, _) = await ConsentedToNamedDiscussionAsync();

        var past = await StateAsync(subject, Purpose.NamedDiscussion, "g-1", meetingAt: Now.AddHours(-1));
        var next = await StateAsync(subject, Purpose.NamedDiscussion, "g-1", meetingAt: Now.AddDays(7));

        Assert.Equal(ConsentState.Permitted, past.State);
        Assert.False(past.NamedDiscussionPossible);
        Assert.Contains(past.Reasons, r => r.StartsWith("CON-2: the person was not informed before the meeting", StringComparison.Ordinal));
        Assert.True(next.NamedDiscussionPossible);
    }

    [Fact]
    public async Task GetConsentState_MinorWithUninformedRepresentative_NotInformed_CON_2()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync(new DateOnly(2031, 1, 1), ["rep-1", "rep-2"]);
        await InformAsync(subject, notice);
        await InformAsync(subject, notice, party: "rep-1");

        var state = await StateAsync(subject);

        Assert.False(state.Informed);
        Assert.Equal(["rep-2"], state.UninformedPartyRefs);
    }
}
