using System.Diagnostics.Metrics;
using Clspd.Access.Diagnostics;
using Clspd.Access.Tests.Api;
using Clspd.Access.V1;
using Clspd.Registry.V1;
using Clspd.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Clspd.Access.Tests.Diagnostics;

/// <summary>The access service's meter, as an exporter would read it: decisions by outcome and rule, the audit's group commits, the feeds' lag.</summary>
public sealed class AccessMetricsTests(AccessServices stack) : IClassFixture<AccessServices>
{
    private IMeterFactory Meters => stack.Access.Services.GetRequiredService<IMeterFactory>();

    private Commune Commune => new(stack.Registry.Channel, stack.Consent.Channel, stack.Issuer.As, stack.Registry.Clock);

    [Fact]
    public async Task Check_Denied_DecisionCountedByOutcomeAndRule_ACC_1()
    {
        using var decisions = new MetricCollector<long>(Meters, AccessMetrics.MeterName, AccessMetrics.Decisions);
        var council = await Commune.CouncilAsync();
        var group = await Commune.GroupAsync(council.Id, GroupKind.Operational);
        var (subject, _) = await Commune.MemberAsync(council.Id, group.Id);

        var decision = await new AccessService.AccessServiceClient(stack.Access.Channel).CheckAsync(new CheckRequest
        {
            Principal = subject, Action = AccessAction.ReadCase, View = View.Pseudonymous,
            Resource = new CaseResource { CaseId = "case-1", SubjectRef = "S-1", CouncilId = council.Id, GroupId = "another-group", BodyKind = BodyKind.ClspdGroup },
        }, stack.Issuer.As("svc:records"));

        Assert.Equal(Outcome.Deny, decision.Outcome);
        var measurement = Assert.Single(decisions.GetMeasurementSnapshot());
        Assert.Equal((1L, "deny", "ACC-1"), (measurement.Value, (string?)measurement.Tags["outcome"], (string?)measurement.Tags["rule"]));
    }

    [Fact]
    public async Task Check_Audited_GroupCommitDurationAndBatchSizeRecorded_ACC_4()
    {
        using var durations = new MetricCollector<double>(Meters, AccessMetrics.MeterName, AccessMetrics.AuditCommitDuration);
        using var batches = new MetricCollector<int>(Meters, AccessMetrics.MeterName, AccessMetrics.AuditBatchSize);

        await new AccessService.AccessServiceClient(stack.Access.Channel).CheckAsync(new CheckRequest
        {
            Principal = "nobody-" + Guid.NewGuid().ToString("N"), Action = AccessAction.ReadCase, View = View.Pseudonymous,
            Resource = new CaseResource { CaseId = "case-2", SubjectRef = "S-2", CouncilId = "c", GroupId = "g", BodyKind = BodyKind.ClspdGroup },
        }, stack.Issuer.As("svc:records"));

        // The caller is answered only once its entry is committed: the commit is measured by then.
        Assert.Contains(batches.GetMeasurementSnapshot(), m => m.Value >= 1);
        Assert.Contains(durations.GetMeasurementSnapshot(), m => m.Value >= 0);
    }

    [Fact]
    public async Task FeedLag_RegistryFeedFollowed_ReportedForTheRegistry()
    {
        using var lag = new MetricCollector<double>(Meters, AccessMetrics.MeterName, AccessMetrics.FeedLag);
        var giveUpAt = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        IReadOnlyList<CollectedMeasurement<double>> measured = [];
        while (DateTime.UtcNow < giveUpAt)
        {
            lag.RecordObservableInstruments();
            measured = lag.GetMeasurementSnapshot();
            if (measured.Any(m => (string?)m.Tags["peer"] == "registry"))
            {
                break;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var registry = Assert.Single(measured, m => (string?)m.Tags["peer"] == "registry");
        Assert.True(registry.Value >= 0);
    }
}
