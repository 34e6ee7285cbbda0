using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Clspd.ServiceDefaults.Health;

/// <summary>
/// A required peer answers: its gRPC health for <see cref="HealthEndpoints.LiveService"/>, which checks nothing
/// behind it, so that readiness never cascades from service to service. The answer is kept for
/// <see cref="CacheFor"/>: however many anonymous health calls come in that second, the peer is asked once.
/// </summary>
public sealed class PeerHealthCheck(string peer, Func<Grpc.Health.V1.Health.HealthClient> client, TimeProvider clock) : IHealthCheck
{
    /// <summary>The peer's health client from the named gRPC client <see cref="ClientName"/>.</summary>
    [ActivatorUtilitiesConstructor]
    public PeerHealthCheck(string peer, GrpcClientFactory clients, TimeProvider clock)
        : this(peer, () => clients.CreateClient<Grpc.Health.V1.Health.HealthClient>(ClientName(peer)), clock)
    {
    }

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private Task<HealthCheckResult>? _last;
    private DateTimeOffset _lastStarted;

    /// <summary>The name of the gRPC client of <paramref name="peer"/>'s health service.</summary>
    public static string ClientName(string peer) => "clspd-health:" + peer;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_last is { IsFaulted: false, IsCanceled: false } && now - _lastStarted < CacheFor && now >= _lastStarted)
            {
                return _last;
            }

            // Not bound to this caller's cancellation: the calls sharing it must not see it cancelled; the deadline bounds it.
            _last = AskAsync();
            _lastStarted = now;
            return _last;
        }
    }

    private async Task<HealthCheckResult> AskAsync()
    {
        try
        {
            await client().CheckAsync(new HealthCheckRequest { Service = HealthEndpoints.LiveService }, deadline: DateTime.UtcNow + Timeout);
            return HealthCheckResult.Healthy($"{peer} answers");
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.Unimplemented)
        {
            // An older peer without the live service name: it answered all the same.
            return HealthCheckResult.Healthy($"{peer} answers");
        }
        catch (RpcException e)
        {
            return HealthCheckResult.Unhealthy($"{peer} unreachable ({e.StatusCode})");
        }
        catch (InvalidOperationException e)
        {
            // No address configured for it.
            return HealthCheckResult.Unhealthy($"{peer} not configured ({e.Message})");
        }
    }
}
