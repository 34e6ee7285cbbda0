using Clspd.Consent.V1;
using Grpc.Core;

namespace Clspd.Consent.Tests.Api;

public sealed class DecisionApiTests(ConsentHost host) : ConsentApiTestBase(host), IClassFixture<ConsentHost>
{
    [Fact]
    public async Task RecordDecision_WithoutInforming_FailedPrecondition_CON_3()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => DecideAsync(subject, notice, Decision.Given));

        AssertRule(ex, StatusCode.FailedPrecondition, "CON-3");
        Assert.Equal(ConsentState.NotAsked, (await StateAsync(subject)).State);
    }

    [Fact]
    public async Task RecordDecision_InformedWithAnotherNotice_FailedPrecondition_CON_3()
    {
        var informedWith = await PublishedNoticeAsync();
        var other = await PublishedNoticeAsync();
        var subject = await SubjectAsync();
        await InformAsync(subject, informedWith);

        var ex = await Assert.ThrowsAsync<RpcException>(() => DecideAsync(subject, other, Decision.Given));

        AssertRule(ex, StatusCode.FailedPrecondition, "CON-3");
    }

    [Fact]
    public async Task RecordDecision_BadInput_InvalidArgumentNamingEachField_CON_3()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Consent.RecordDecisionAsync(new RecordDecisionRequest
        {
            RequestId = NewId(), SubjectRef = "p-1", Purpose = Purpose.NamedDiscussion, Decision = (Decision)42,
        }, Worker).ResponseAsync);

        AssertField(ex, "group_id");
        AssertField(ex, "decision");
        AssertField(ex, "evidence");
        AssertField(ex, "notice_version");
    }

    [Fact]
    public async Task RecordDecision_Withdrawn_InvalidArgument_CON_4()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Consent.RecordDecisionAsync(
            DecisionRequest("p-1", "n-1", Decision.Withdrawn), Worker).ResponseAsync);

        AssertField(ex, "decision");
    }

    [Fact]
    public async Task RecordDecision_RefusalThenCheck_NotPermitted_CON_4()
    {
        var (subject, notice) = await ConsentedToNamedDiscussionAsync();

        var refusal = await DecideAsync(subject, notice, Decision.Refused, purpose: Purpose.NamedDiscussion, group: "g-1");
        var state = await StateAsync(subject, Purpose.NamedDiscussion, "g-1");

        Assert.Equal(ConsentState.Refused, state.State);
        Assert.True(state.Revision >= refusal.Revision);
        Assert.StartsWith("CON-4:", state.Reasons[0], StringComparison.Ordinal);
        Assert.False((await StateAsync(subject, Purpose.NamedDiscussion, "g-1", meetingAt: Now.AddDays(2))).NamedDiscussionPossible);
    }

    [Fact]
    public async Task RecordDecision_GivenForOneGroup_OtherGroupNotAsked_CON_3()
    {
        var (subject, _) = await ConsentedToNamedDiscussionAsync();

        Assert.Equal(ConsentState.Permitted, (await StateAsync(subject, Purpose.NamedDiscussion, "g-1")).State);
        Assert.Equal(ConsentState.NotAsked, (await StateAsync(subject, Purpose.NamedDiscussion, "g-2")).State);
        Assert.Equal(ConsentState.NotAsked, (await StateAsync(subject, Purpose.ProgrammeEnrolment)).State);
    }

    [Fact]
    public async Task WithdrawConsent_ThenCheck_WithdrawnAtEveryLaterRevision_CON_4()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();
        await InformAsync(subject, notice);
        await DecideAsync(subject, notice, Decision.Given);

        var withdrawal = await WithdrawAsync(subject);
        // A caller whose clock lags a few seconds behind still sees the withdrawal.
        var lagging = await StateAsync(subject, at: Now.AddSeconds(-10));
        var current = await StateAsync(subject);

        Assert.Equal(Decision.Withdrawn, withdrawal.Decision.Decision);
        Assert.Equal(notice, withdrawal.Decision.NoticeVersion);
        Assert.Equal(ConsentState.Withdrawn, current.State);
        Assert.Equal(ConsentState.Withdrawn, lagging.State);
        Assert.True(current.Revision >= withdrawal.Revision);
    }

    [Fact]
    public async Task GetConsentState_ReadTwiceThenWithdrawn_NextLookupWithdrawn_CON_4()
    {
        var (subject, _) = await ConsentedToNamedDiscussionAsync();
        var first = await StateAsync(subject, Purpose.NamedDiscussion, "g-1");
        // Nothing written in between: the facts of the first lookup are reused, the answer is the same.
        var second = await StateAsync(subject, Purpose.NamedDiscussion, "g-1");

        var withdrawal = await WithdrawAsync(subject, purpose: Purpose.NamedDiscussion, group: "g-1");
        var after = await StateAsync(subject, Purpose.NamedDiscussion, "g-1");

        Assert.Equal((ConsentState.Permitted, ConsentState.Permitted), (first.State, second.State));
        Assert.Equal(first.Revision, second.Revision);
        Assert.Equal(ConsentState.Withdrawn, after.State);
        Assert.True(after.Revision >= withdrawal.Revision);
    }

    [Fact]
    public async Task GetConsentState_FactsReusedButAskedAboutAnotherMeeting_EvaluatedAgain_CON_2()
    {
        var (subject, _) = await ConsentedToNamedDiscussionAsync();

        // Same facts, two questions: a meeting after the informing, and one before it.
        var later = await StateAsync(subject, Purpose.NamedDiscussion, "g-1", meetingAt: Now.AddDays(2));
        var before = await StateAsync(subject, Purpose.NamedDiscussion, "g-1", meetingAt: Now.AddDays(-2));

        Assert.Equal(later.Revision, before.Revision);
        Assert.True(later.NamedDiscussionPossible);
        Assert.False(before.NamedDiscussionPossible);
    }

    [Fact]
    public async Task WithdrawConsent_NothingGiven_FailedPrecondition_CON_4()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();
        await InformAsync(subject, notice);
        await DecideAsync(subject, notice, Decision.Refused);

        var ex = await Assert.ThrowsAsync<RpcException>(() => WithdrawAsync(subject));

        AssertRule(ex, StatusCode.FailedPrecondition, "CON-4");
    }

    [Fact]
    public async Task RecordDecision_MinorOneRepresentativeMissing_IncompleteNamingThem_CON_3()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync(new DateOnly(2031, 6, 1), ["rep-mother", "rep-father"]);
        foreach (var party in new[] { subject, "rep-mother", "rep-father" })
        {
            await InformAsync(subject, notice, party: party);
        }

        var view = await DecideAsync(subject, notice, Decision.Given);
        await DecideAsync(subject, notice, Decision.Given, by: "rep-mother");
        var incomplete = await StateAsync(subject);
        await DecideAsync(subject, notice, Decision.Given, by: "rep-father");
        var complete = await StateAsync(subject);

        Assert.Equal(DeciderRole.MinorView, view.Decision.DeciderRole);
        Assert.Equal(ConsentState.Incomplete, incomplete.State);
        Assert.Equal(["rep-father"], incomplete.MissingDeciderRefs);
        Assert.Contains("CON-3: the consent of legal representative rep-father is missing", incomplete.Reasons);
        Assert.Equal(ConsentState.Permitted, complete.State);
        Assert.True(complete.Minor);
    }

    [Fact]
    public async Task RecordDecision_RepresentativeOfAnAdult_FailedPrecondition_CON_3()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync(null, ["rep-1"]);
        await InformAsync(subject, notice, party: "rep-1");

        var ex = await Assert.ThrowsAsync<RpcException>(() => DecideAsync(subject, notice, Decision.Given, by: "rep-1"));

        AssertRule(ex, StatusCode.FailedPrecondition, "CON-3");
    }

    [Fact]
    public async Task RecordDecision_SameRequestIdTwice_OneDecisionSameReceipt()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();
        await InformAsync(subject, notice);
        var request = DecisionRequest(subject, notice, Decision.Given);

        var first = await Consent.RecordDecisionAsync(request, Worker);
        var retry = await Consent.RecordDecisionAsync(request, Worker);

        Assert.Equal(first, retry);
        var history = await Consent.ListHistoryAsync(new ListHistoryRequest { SubjectRef = subject }, Worker);
        Assert.Single(history.Entries, e => e.Decision is not null);
    }

    [Fact]
    public async Task GiveAndWithdraw_Concurrently_StateIsThatOfHighestAcknowledgedRevision_CON_4()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync();
        await InformAsync(subject, notice);
        await DecideAsync(subject, notice, Decision.Given);

        var calls = Enumerable.Range(0, 24).Select(async i =>
        {
            try
            {
                return i % 2 == 0
                    ? ((await DecideAsync(subject, notice, Decision.Given)).Revision, ConsentState.Permitted)
                    : ((await WithdrawAsync(subject)).Revision, ConsentState.Withdrawn);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.FailedPrecondition)
            {
                return (0L, ConsentState.Unspecified); // withdrawal with nothing in force: not acknowledged
            }
        });
        var acknowledged = (await Task.WhenAll(calls)).Where(c => c.Item1 > 0).ToList();

        var state = await StateAsync(subject);
        Assert.Equal(acknowledged.Count, acknowledged.Select(a => a.Item1).Distinct().Count());
        Assert.Contains(acknowledged, a => a.Item2 == ConsentState.Withdrawn);
        Assert.Equal(acknowledged.MaxBy(a => a.Item1).Item2, state.State);
    }
}
