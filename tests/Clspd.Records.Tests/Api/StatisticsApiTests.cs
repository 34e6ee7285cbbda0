using Clspd.Records.V1;
using Grpc.Core;

namespace Clspd.Records.Tests.Api;

/// <summary>REC-11: aggregate figures only, cells under the threshold suppressed.</summary>
public sealed class StatisticsApiTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    private StatisticsService.StatisticsServiceClient Statistics => new(services.Records.Channel);

    [Fact]
    public async Task GetCaseStatistics_SmallCellsSuppressed_NoCaseOrPerson_REC_11()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        for (var i = 0; i < 5; i++)
        {
            await s.CaseAsync(age: 16);
        }

        var adult = await s.CaseAsync(age: 20);
        await s.ReferralAsync(adult.Id);

        var stats = await Statistics.GetCaseStatisticsAsync(new GetCaseStatisticsRequest { CouncilId = s.Council }, s.AsMember);

        Assert.Equal(5, stats.Threshold);
        Assert.Equal((6, false), Cell(stats, "body", "CLSPD_GROUP"));
        // The one adult is withheld, and so is the 16-17 band: the six cases of the body would otherwise give the adult away.
        Assert.Equal((0, true), Cell(stats, "age_band", "16-17"));
        Assert.Equal((0, true), Cell(stats, "age_band", "18-21"));
        Assert.Equal((0, true), Cell(stats, "referral_reason", "REFERRAL_REASON_SCHOOL_ABSENTEEISM"));
        Assert.DoesNotContain(stats.Cells, c => c.Value.Contains(adult.Id, StringComparison.Ordinal) || c.Value.Contains(adult.SubjectRef, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetCaseStatistics_NotDesignatedInTheCouncil_PermissionDenied_REC_11()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var other = await new RecordsScenario(services).CouncilAsync();

        var ex = await Assert.ThrowsAsync<RpcException>(() => Statistics.GetCaseStatisticsAsync(new GetCaseStatisticsRequest { CouncilId = s.Council }, other.AsMember).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
    }

    private static (int Count, bool Suppressed) Cell(GetCaseStatisticsResponse stats, string dimension, string value)
    {
        var cell = Assert.Single(stats.Cells, c => c.Dimension == dimension && c.Value == value);
        return (cell.Count, cell.Suppressed);
    }
}
