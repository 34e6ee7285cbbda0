using Clspd.Records.V1;
using Grpc.Core;

namespace Clspd.Records.Tests.Api;

/// <summary>
/// ACC-1 across organisations: records trusting an issuer bound to another council does not let a
/// participant designated in this council read its statistics with that issuer's token; the same
/// participant, through records trusting an unbound issuer, may. A case read through records is
/// decided by access on the records service's call: records tells access which councils the
/// person's issuer binds them to, so the binding holds there too.
/// </summary>
public sealed class CouncilBindingApiTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    [Fact]
    public async Task GetCaseStatistics_DesignatedHere_TokenBoundToAnotherCouncil_PermissionDenied_ACC_1()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        await using var bound = RecordsTrustingAnIssuerBoundElsewhere();
        await bound.WaitReadyAsync();
        var request = new GetCaseStatisticsRequest { CouncilId = s.Council };

        var unbound = await new StatisticsService.StatisticsServiceClient(services.Records.Channel).GetCaseStatisticsAsync(request, s.AsMember);
        var ex = await Assert.ThrowsAsync<RpcException>(() => new StatisticsService.StatisticsServiceClient(bound.Channel).GetCaseStatisticsAsync(request, s.AsMember).ResponseAsync);

        Assert.True(unbound.Threshold > 0);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("ACC-1:", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCase_DesignatedInItsGroup_TokenBoundToAnotherCouncil_PermissionDeniedByAccess_ACC_1()
    {
        var s = await new RecordsScenario(services).CouncilAsync();
        var opened = await s.CaseAsync(age: 17);
        // The same records data, behind a records trusting the people's issuer bound to another council.
        await using var bound = RecordsTrustingAnIssuerBoundElsewhere(services.Records.DataDirectory);
        await bound.WaitReadyAsync();
        var request = new GetCaseRequest { CaseId = opened.Id };

        var unbound = await new RecordsService.RecordsServiceClient(services.Records.Channel).GetCaseAsync(request, s.AsMember);
        var ex = await Assert.ThrowsAsync<RpcException>(() => new RecordsService.RecordsServiceClient(bound.Channel).GetCaseAsync(request, s.AsMember).ResponseAsync);

        Assert.Equal(opened.Id, unbound.Case.Id);
        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("ACC-1:", ex.Status.Detail, StringComparison.Ordinal);
    }

    // A records service whose only issuer (the test's) binds its users to another council than the ones they sit in;
    // on the shared records data when a data directory is given.
    private Clspd.Testing.ServiceHost<Program> RecordsTrustingAnIssuerBoundElsewhere(string? dataDirectory = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Issuers:commune-a:Issuer"] = "clspd-local",
            ["Auth:Issuers:commune-a:KeyFile"] = services.Issuer.PublicKeyFile,
            ["Auth:Issuers:commune-a:Organisation"] = "commune-a",
            ["Auth:Issuers:commune-a:Councils:0"] = "council-elsewhere",
            ["Auth:Issuers:commune-a:IssuesServiceIdentities"] = "true",
            ["Auth:Issuers:commune-a:IssuesAdministrators"] = "true",
        };
        if (dataDirectory is not null)
        {
            settings["Database:DataDirectory"] = dataDirectory;
        }

        return services.CreateRecords(() => services.Access.Server.CreateHandler(), settings: settings);
    }
}
