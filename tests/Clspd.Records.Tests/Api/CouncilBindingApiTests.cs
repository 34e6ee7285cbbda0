using Clspd.Records.V1;
using Grpc.Core;

namespace Clspd.Records.Tests.Api;

/// <summary>
/// ACC-1 across organisations: records trusting an issuer bound to another council does not let a
/// participant designated in this council read its statistics with that issuer's token; the same
/// participant, through records trusting an unbound issuer, may.
/// </summary>
public sealed class CouncilBindingApiTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    [Fact]
    public async Task GetCaseStatistics_DesignatedHere_TokenBoundToAnotherCouncil_PermissionDenied_ACC_1()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        await using var bound = services.CreateRecords(() => services.Access.Server.CreateHandler(), settings: new Dictionary<string, string?>
        {
            ["Auth:Issuers:commune-a:Issuer"] = "clspd-local",
            ["Auth:Issuers:commune-a:KeyFile"] = services.Issuer.PublicKeyFile,
            ["Auth:Issuers:commune-a:Organisation"] = "commune-a",
            ["Auth:Issuers:commune-a:Councils:0"] = "council-elsewhere",
            ["Auth:Issuers:commune-a:IssuesServiceIdentities"] = "true",
        });
        await bound.WaitReadyAsync();
        var request = new GetCaseStatisticsRequest { CouncilId = s.Council };

        var unbound = await new StatisticsService.StatisticsServiceClient(services.Records.Channel).GetCaseStatisticsAsync(request, s.AsMember);
        var ex = await Assert.ThrowsAsync<RpcException>(() => new StatisticsService.StatisticsServiceClient(bound.Channel).GetCaseStatisticsAsync(request, s.AsMember).ResponseAsync);

        Assert.True(unbound.Threshold > 0);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("ACC-1:", ex.Status.Detail, StringComparison.Ordinal);
    }
}
