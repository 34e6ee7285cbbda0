using Clspd.Consent.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Clspd.Consent.Tests.Api;

/// <summary>REC-7: consent erases a person records destroyed — idempotently, keeping only the counts its statistics need (REC-11).</summary>
public sealed class ErasureApiTests(ConsentHost host) : ConsentApiTestBase(host), IClassFixture<ConsentHost>
{
    [Fact]
    public async Task EraseSubject_SubjectWithHistory_EverythingGoneAndASecondCallErasesNothing_REC_7()
    {
        var notice = await PublishedNoticeAsync();
        var subject = await SubjectAsync(minorUntil: DateOnly.FromDateTime(Now.UtcDateTime).AddYears(2), representatives: [Rep()], groups: ["g-erase"]);
        var representative = (await Subjects.GetSubjectAsync(new GetSubjectRequest { SubjectRef = subject }, Worker)).Subject.LegalRepresentativeRefs[0];
        await InformAsync(subject, notice);
        await InformAsync(subject, notice, party: representative);
        var receipt = (await DecideAsync(subject, notice, Decision.Given, by: representative)).Receipt.Id;
        Assert.True((await StateAsync(subject)).SubjectKnown);

        var first = await Subjects.EraseSubjectAsync(new EraseSubjectRequest { SubjectRef = subject }, Records);
        var second = await Subjects.EraseSubjectAsync(new EraseSubjectRequest { SubjectRef = subject }, Records);

        Assert.Equal((true, 2, 1), (first.Erased, first.InformingsErased, first.DecisionsErased));
        Assert.Equal((false, 0, 0), (second.Erased, second.InformingsErased, second.DecisionsErased));
        var ex = await Assert.ThrowsAsync<RpcException>(() => Subjects.GetSubjectAsync(new GetSubjectRequest { SubjectRef = subject }, Worker).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Empty((await Consent.ListHistoryAsync(new ListHistoryRequest { SubjectRef = subject }, Worker)).Entries);
        var receiptGone = await Assert.ThrowsAsync<RpcException>(() => Consent.GetReceiptAsync(new GetReceiptRequest { ReceiptId = receipt }, Worker).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, receiptGone.StatusCode);
        var state = await StateAsync(subject);
        Assert.False(state.SubjectKnown);
        Assert.False(state.Informed);
    }

    [Fact]
    public async Task EraseSubject_DecisionsOfTheCouncil_StillCountedInStatistics_REC_7()
    {
        var council = "council-" + NewId()[..8];
        var notice = await PublishedNoticeAsync(council);
        var erased = await CouncilSubjectAsync(council);
        var kept = await CouncilSubjectAsync(council);
        foreach (var (subject, decision) in new[] { (erased, Decision.Given), (kept, Decision.Refused) })
        {
            await InformAsync(subject, notice);
            await DecideAsync(subject, notice, decision);
        }

        var before = await StatisticsAsync(council);
        await Subjects.EraseSubjectAsync(new EraseSubjectRequest { SubjectRef = erased }, Records);
        var after = await StatisticsAsync(council);

        Assert.Equal(before.Counts, after.Counts);
        Assert.Equal(2, before.Counts.Sum(c => c.Count));
        Assert.Equal((2, 0), (before.Subjects, before.SubjectsErased));
        Assert.Equal((1, 1), (after.Subjects, after.SubjectsErased));
    }

    [Fact]
    public async Task EraseSubject_CalledByARecorder_PermissionDeniedAndNothingErased_REC_7()
    {
        var subject = await SubjectAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Subjects.EraseSubjectAsync(new EraseSubjectRequest { SubjectRef = subject }, Worker).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.Equal(subject, (await Subjects.GetSubjectAsync(new GetSubjectRequest { SubjectRef = subject }, Worker)).Subject.SubjectRef);
    }

    private static string Rep() => "r-" + NewId()[..12];

    private async Task<string> CouncilSubjectAsync(string council)
    {
        var subjectRef = "p-" + NewId()[..12];
        await Subjects.PutSubjectAsync(new PutSubjectRequest { RequestId = NewId(), SubjectRef = subjectRef, CouncilId = council }, Records);
        return subjectRef;
    }

    private async Task<GetConsentStatisticsResponse> StatisticsAsync(string council) =>
        await Consent.GetConsentStatisticsAsync(new GetConsentStatisticsRequest
        {
            CouncilId = council, From = Timestamp.FromDateTimeOffset(Now.AddDays(-2)), To = Timestamp.FromDateTimeOffset(Now.AddDays(2)),
        }, Records);
}
