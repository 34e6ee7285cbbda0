using Clspd.Consent.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Clspd.Consent.Tests.Api;

/// <summary>REC-11: consent counts a council's decisions for the evaluation records publishes, never a subject.</summary>
public sealed class StatisticsApiTests(ConsentHost host) : ConsentApiTestBase(host), IClassFixture<ConsentHost>
{
    private async Task<string> CouncilSubjectAsync(string councilId)
    {
        var subjectRef = "p-" + NewId()[..12];
        await Subjects.PutSubjectAsync(new PutSubjectRequest { RequestId = NewId(), SubjectRef = subjectRef, CouncilId = councilId }, Records);
        return subjectRef;
    }

    private GetConsentStatisticsRequest Period(string councilId) => new()
    {
        CouncilId = councilId, From = Timestamp.FromDateTimeOffset(Now.AddDays(-1)), To = Timestamp.FromDateTimeOffset(Now.AddDays(1)),
    };

    [Fact]
    public async Task GetConsentStatistics_CouncilSubjects_CountsPerPurposeAndDecisionOnly_REC_11()
    {
        var council = "council-" + NewId()[..8];
        var notice = await PublishedNoticeAsync(council);
        var (a, b) = (await CouncilSubjectAsync(council), await CouncilSubjectAsync(council));
        var elsewhere = await CouncilSubjectAsync("council-" + NewId()[..8]);
        foreach (var subject in new[] { a, b, elsewhere })
        {
            await InformAsync(subject, notice);
        }

        await DecideAsync(a, notice, Decision.Given);
        await WithdrawAsync(a);
        await DecideAsync(b, notice, Decision.Refused);
        await DecideAsync(elsewhere, notice, Decision.Refused);

        var stats = await Consent.GetConsentStatisticsAsync(Period(council), Records);

        Assert.Equal(2, stats.Subjects);
        Assert.Equal(
            [(Purpose.DataProcessing, Decision.Given, 1), (Purpose.DataProcessing, Decision.Refused, 1), (Purpose.DataProcessing, Decision.Withdrawn, 1)],
            stats.Counts.Select(c => (c.Purpose, c.Decision, c.Count)));
        Assert.DoesNotContain(a, stats.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetConsentStatistics_OutsideThePeriod_NothingCounted_REC_11()
    {
        var council = "council-" + NewId()[..8];
        var notice = await PublishedNoticeAsync(council);
        var subject = await CouncilSubjectAsync(council);
        await InformAsync(subject, notice);
        await DecideAsync(subject, notice, Decision.Refused);

        var request = Period(council);
        request.From = Timestamp.FromDateTimeOffset(Now.AddDays(1));
        request.To = Timestamp.FromDateTimeOffset(Now.AddDays(2));
        var stats = await Consent.GetConsentStatisticsAsync(request, Records);

        Assert.Empty(stats.Counts);
    }

    [Fact]
    public async Task PutSubject_WithoutCouncil_KeepsTheCouncilRecordsSent_REC_11()
    {
        var council = "council-" + NewId()[..8];
        var subject = await CouncilSubjectAsync(council);

        await Subjects.PutSubjectAsync(new PutSubjectRequest { RequestId = NewId(), SubjectRef = subject, GroupIds = { "g-1" } }, Records);
        var read = await Subjects.GetSubjectAsync(new GetSubjectRequest { SubjectRef = subject }, Worker);

        Assert.Equal((council, "g-1"), (read.Subject.CouncilId, Assert.Single(read.Subject.GroupIds)));
    }

    [Fact]
    public async Task GetConsentStatistics_Worker_PermissionDenied_REC_11()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => Consent.GetConsentStatisticsAsync(Period("council-x"), Worker).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REC-11", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetConsentStatistics_ToBeforeFrom_InvalidArgumentNamingTo_REC_11()
    {
        var request = Period("council-x");
        (request.From, request.To) = (request.To, request.From);

        var ex = await Assert.ThrowsAsync<RpcException>(() => Consent.GetConsentStatisticsAsync(request, Records).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("to", ex.Status.Detail, StringComparison.Ordinal);
    }
}
