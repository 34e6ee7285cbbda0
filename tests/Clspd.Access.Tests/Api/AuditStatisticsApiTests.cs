using Clspd.Access.V1;
using Clspd.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Clspd.Access.Tests.Api;

/// <summary>REC-11: the access service counts a council's decisions for its evaluation, never who or which case.</summary>
public sealed class AuditStatisticsApiTests(AccessServices stack) : IClassFixture<AccessServices>
{
    private CallOptions Records => stack.Issuer.As("svc:records");

    private static CheckRequest Check(string principal, string councilId, int i) => new()
    {
        Principal = principal, Action = AccessAction.ReadCase, View = View.Pseudonymous,
        Resource = new CaseResource { CaseId = "case-" + i, SubjectRef = "S-" + i, CouncilId = councilId, GroupId = "g", BodyKind = BodyKind.ClspdGroup },
    };

    private static GetAuditStatisticsRequest Around(ServiceHost<Program> host, string councilId) => new()
    {
        CouncilId = councilId, From = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow().AddHours(-1)), To = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow().AddHours(1)),
    };

    [Fact]
    public async Task GetAuditStatistics_DeniedDecisionsOfTheCouncil_CountedPerActionAndRule_REC_11()
    {
        await using var host = stack.CreateAccess(() => stack.Registry.Server.CreateHandler(), () => stack.Consent.Server.CreateHandler());
        await host.WaitReadyAsync();
        var client = new AccessService.AccessServiceClient(host.Channel);
        for (var i = 0; i < 5; i++)
        {
            await client.CheckAsync(Check("stranger-" + i, "council-a", i), Records);
        }

        await client.CheckAsync(Check("stranger-x", "council-b", 9), Records);
        var audit = new AuditService.AuditServiceClient(host.Channel);

        var stats = await audit.GetAuditStatisticsAsync(Around(host, "council-a"), Records);
        var later = Around(host, "council-a");
        later.From = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow().AddHours(1));
        later.To = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow().AddHours(2));
        var none = await audit.GetAuditStatisticsAsync(later, Records);

        Assert.Equal(5, stats.DeniedDecisions);
        Assert.NotEmpty(stats.Counts);
        Assert.All(stats.Counts, c => Assert.Equal((AccessAction.ReadCase, Outcome.Deny, 5), (c.Action, c.Outcome, c.Count)));
        Assert.All(stats.Counts, c => Assert.Matches("^[A-Z]+-[0-9]+$", c.RuleId));
        Assert.DoesNotContain("stranger", stats.ToString(), StringComparison.Ordinal);
        Assert.Equal((0, 0), (none.DeniedDecisions, none.Counts.Count));
    }

    [Fact]
    public async Task GetAuditStatistics_Participant_PermissionDenied_REC_11()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            new AuditService.AuditServiceClient(stack.Access.Channel).GetAuditStatisticsAsync(Around(stack.Access, "council-a"), stack.Issuer.As("someone")).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, ex.StatusCode);
        Assert.StartsWith("REC-11", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAuditStatistics_NoPeriod_InvalidArgumentNamingFrom_REC_11()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            new AuditService.AuditServiceClient(stack.Access.Channel).GetAuditStatisticsAsync(new GetAuditStatisticsRequest { CouncilId = "council-a" }, Records).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("from", ex.Status.Detail, StringComparison.Ordinal);
    }
}
