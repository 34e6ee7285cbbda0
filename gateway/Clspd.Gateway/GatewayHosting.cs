using Clspd.Gateway.Configuration;
using Clspd.Gateway.Health;
using Clspd.Gateway.Limits;
using Clspd.Gateway.Routing;
using Clspd.ServiceDefaults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Clspd.Gateway;

/// <summary>The gateway's wiring: h2c, bearer validation, limits, health, routes from <c>Gateway:Backends</c>.</summary>
public static class GatewayHosting
{
    public const string DefaultListen = "http://127.0.0.1:5080";

    public static WebApplicationBuilder AddClspdGateway(this WebApplicationBuilder builder)
    {
        // Partners reach the gateway without client certificates; the gateway presents its own to the services.
        builder.UseClspdKestrel(DefaultListen, requireClientCertificate: false);
        builder.AddClspdAuthentication();
        builder.AddClspdTelemetry("gateway");

        var services = builder.Services;
        services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();

        services.AddReverseProxy();
        services.AddSingleton<IForwarderHttpClientFactory, BackendHttpClientFactory>();
        services.AddSingleton<IProxyConfigProvider, BackendProxyConfigProvider>();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<GatewayOptions>>((limiter, gateway) => CallerRateLimiting.Configure(limiter, gateway.Value.RateLimit));

        // Unknown services fall through to UnroutedCall, which names the missing service.
        services.AddGrpc(o => o.IgnoreUnknownServices = true);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BackendHealthProbe>();
        // One instance, so that its one-second cache serves every health call.
        services.AddSingleton<BackendsHealthCheck>();
        services.AddGrpcHealthChecks().AddCheck<BackendsHealthCheck>("backends");
        services.AddHostedService<ParentProcessWatcher>();
        // The reverse proxy adds data protection again (for session affinity, not used here).
        services.WithoutDataProtectionKeyRingWarmUp();
        return builder;
    }

    public static WebApplication MapClspdGateway(this WebApplication app)
    {
        app.UseAuthentication();
        // Before authorization: calls without a valid token are limited too, per client address (GW-2).
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<InternalCallMiddleware>();
            proxy.UseMiddleware<ForwarderErrorMiddleware>();
            proxy.UseMiddleware<RequestSizeLimitMiddleware>();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        app.MapFallback("{**path}", UnroutedCall.HandleAsync);
        return app;
    }
}
