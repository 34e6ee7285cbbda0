using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clspd.Gateway.Health;

/// <summary>The gateway serves only when every deployed backend serves.</summary>
public sealed class BackendsHealthCheck(BackendHealthProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var statuses = await probe.CheckAllAsync(cancellationToken);
        var failing = statuses.Where(s => !s.Serving).ToList();
        return failing.Count == 0
            ? HealthCheckResult.Healthy($"{statuses.Count} backend(s) serving")
            : HealthCheckResult.Unhealthy("not serving: " + string.Join("; ", failing));
    }
}
