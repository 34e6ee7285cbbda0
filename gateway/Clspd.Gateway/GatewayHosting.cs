using Clspd.Gateway.Configuration;
using Clspd.Gateway.Diagnostics;
using Clspd.Gateway.Health;
using Clspd.Gateway.Json;
using Clspd.Gateway.Limits;
using Clspd.Gateway.Routing;
using Clspd.Gateway.Tls;
using Clspd.Hosting;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Health;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Clspd.Gateway;

/// <summary>The gateway's wiring: h2c, bearer validation, limits, health, routes from <c>Gateway:Backends</c>, JSON for partners.</summary>
public static class GatewayHosting
{
    public static readonly string DefaultListen = DefaultPorts.GatewayAddress;

    public static WebApplicationBuilder AddClspdGateway(this WebApplicationBuilder builder)
    {
        // Partners reach the gateway without client certificates; the gateway presents its own to the services.
        builder.UseClspdKestrel(DefaultListen, requireClientCertificate: false);
        // JSON for partners over HTTP/1.1 (the main listener is HTTP/2 only).
        builder.UseJsonListener();
        // Partners over TLS, when Gateway:TlsListen names an https:// address.
        builder.UsePartnerTlsListener();
        builder.AddClspdAuthentication();
        builder.AddClspdTelemetry("gateway");

        var services = builder.Services;
        // GW-1 refusals counted in the bearer challenge of every issuer's scheme, once per request.
        services.PostConfigureAll<JwtBearerOptions>(UnauthenticatedCounting.Attach);
        // The services on their default loopback ports unless Gateway:Backends says otherwise.
        services.AddOptions<GatewayOptions>()
            .Configure(o =>
            {
                foreach (var (name, address) in DefaultPorts.Services)
                {
                    o.Backends.TryAdd(name, address);
                }
            })
            .BindConfiguration(GatewayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();

        // YARP's in-memory configuration, built from Gateway:Backends when the proxy first asks for it
        // (the options validated then), fixed for the life of the process.
        services.AddReverseProxy();
        services.AddSingleton<IForwarderHttpClientFactory, BackendHttpClientFactory>();
        services.AddSingleton(sp =>
        {
            var (routes, clusters) = BackendRoutes.Build(sp.GetRequiredService<IOptions<GatewayOptions>>().Value);
            return new InMemoryConfigProvider(routes, clusters);
        });
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<InMemoryConfigProvider>());

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<GatewayOptions>>((limiter, gateway) => CallerRateLimiting.Configure(limiter, gateway.Value.RateLimit));

        // Unknown services fall through to UnroutedCall, which names the missing service.
        services.AddGrpc(o => o.IgnoreUnknownServices = true);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<BackendHealthProbe>();
        services.AddSingleton<GatewayMetrics>();
        // One instance, so that its one-second cache serves every health call.
        services.AddSingleton<BackendsHealthCheck>();
        services.AddClspdHealthChecks().AddCheck<BackendsHealthCheck>("backends", tags: [HealthTags.Ready]);
        services.AddHostedService<ParentProcessWatcher>();
        // The reverse proxy adds data protection again (for session affinity, not used here).
        services.WithoutDataProtectionKeyRingWarmUp();
        return builder;
    }

    public static WebApplication MapClspdGateway(this WebApplication app)
    {
        app.UseManagementListener();
        app.UseAuthentication();
        // Before authorization: calls without a valid token are limited too, per client address (GW-2), health
        // included (gRPC, /healthz, /readyz): with the backends' answer cached for a second, no one can make the
        // gateway fan out without bound.
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapClspdHealth();
        // The partners' API description, for anyone (rate-limited per address like every call without a token).
        var openApi = new Lazy<string>(() => OpenApiDocument
            .Build(app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.DeployedBackends().Select(b => b.Name))
            .ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        app.MapGet(OpenApiDocument.Path, context =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            return context.Response.WriteAsync(openApi.Value);
        }).AllowAnonymous();
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
