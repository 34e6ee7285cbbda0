using Clspd.Consent.Diagnostics;
using Clspd.Consent.Tests.Api;
using Clspd.Consent.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Clspd.Consent.Tests.Diagnostics;

/// <summary>The consent service's meter: every state lookup counted by purpose and answer.</summary>
public sealed class ConsentMetricsTests(ConsentHost host) : ConsentApiTestBase(host), IClassFixture<ConsentHost>
{
    [Fact]
    public async Task GetConsentState_Answered_LookupCountedByPurposeAndState()
    {
        var subject = await SubjectAsync();
        using var lookups = new MetricCollector<long>(HostFixture.Host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            ConsentMetrics.MeterName, ConsentMetrics.Lookups);

        var state = await StateAsync(subject, Purpose.ProgrammeEnrolment);

        Assert.Equal(ConsentState.NotAsked, state.State);
        var measurement = Assert.Single(lookups.GetMeasurementSnapshot());
        Assert.Equal((1L, "programme_enrolment", "not_asked"), (measurement.Value, (string?)measurement.Tags["purpose"], (string?)measurement.Tags["state"]));
    }
}
