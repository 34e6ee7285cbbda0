using Grpc.AspNetCore.HealthChecks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Clspd.ServiceDefaults.Health;

/// <summary>
/// Health for orchestrators, anonymous and cheap. HTTP <c>/healthz</c>: the process answers, nothing else is
/// checked (a liveness probe: restarting does not bring a database back). HTTP <c>/readyz</c>: migrated, the
/// database answers, the required peers answer (a readiness probe). gRPC <c>grpc.health.v1</c>: the empty service
/// name is migrated and the database answers (what the gateway and the local launcher ask), <c>live</c> is
/// <c>/healthz</c>. The answers carry the status only (<c>Healthy</c>, <c>Unhealthy</c>), never a reason: the
/// reasons go to the log.
/// </summary>
public static class HealthEndpoints
{
    public const string LivePath = "/healthz";

    public const string ReadyPath = "/readyz";

    /// <summary>The gRPC health service name answered as <c>/healthz</c> is (what a peer check asks).</summary>
    public const string LiveService = "live";

    /// <summary>gRPC health with the mappings above; checks are added to the builder returned.</summary>
    public static IHealthChecksBuilder AddClspdHealthChecks(this IServiceCollection services) =>
        services.AddGrpcHealthChecks(o =>
        {
            o.Services.Clear();
            o.Services.Map(string.Empty, c => !c.Tags.Contains(HealthTags.Peer));
            o.Services.Map(LiveService, _ => false);
        });

    /// <summary>Maps gRPC health, <c>/healthz</c> and <c>/readyz</c>, all anonymous.</summary>
    public static IEndpointRouteBuilder MapClspdHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcHealthChecksService().AllowAnonymous();
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(HealthTags.Ready) }).AllowAnonymous();
        return endpoints;
    }
}
