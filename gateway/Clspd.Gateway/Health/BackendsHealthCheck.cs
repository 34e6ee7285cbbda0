using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clspd.Gateway.Health;

/// <summary>
/// The gateway serves only when every deployed backend serves. Health is anonymous, and each probe
/// reaches every backend and its database, so the answer is kept for <see cref="CacheFor"/>: the
/// health calls of that second, however many, share one probe of each backend.
/// </summary>
public sealed class BackendsHealthCheck(BackendHealthProbe probe, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _last;
    private DateTimeOffset _lastStarted;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_last is { IsFaulted: false, IsCanceled: false } && now - _lastStarted < CacheFor && now >= _lastStarted)
            {
                return _last;
            }

            // Not bound to this caller's cancellation: the calls sharing it must not see it cancelled.
            // Each backend's own deadline bounds it.
            _last = CheckAllAsync();
            _lastStarted = now;
            return _last;
        }
    }

    private async Task<HealthCheckResult> CheckAllAsync()
    {
        var statuses = await probe.CheckAllAsync(CancellationToken.None);
        var failing = statuses.Where(s => !s.Serving).ToList();
        return failing.Count == 0
            ? HealthCheckResult.Healthy($"{statuses.Count} backend(s) serving")
            : HealthCheckResult.Unhealthy("not serving: " + string.Join("; ", failing));
    }
}
