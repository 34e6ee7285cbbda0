using System.Net;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.ChangeFeed;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Clspd.ServiceDefaults.Health;
using Clspd.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Clspd.ServiceDefaults;

/// <summary>The hosting defaults every service and the gateway share.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Largest request message accepted (GW-2).</summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Everything a service needs: h2c endpoint, bearer validation (GW-1), gRPC with the exception
    /// interceptor, health and reflection, database with migrations and change feed, telemetry.
    /// </summary>
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, ServiceIdentity service, string defaultListen)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(service);

        builder.AddClspdSecretFiles();
        builder.UseClspdKestrel(defaultListen);
        builder.AddClspdAuthentication();
        builder.AddClspdTelemetry(service.Name);

        services.AddGrpc(o =>
        {
            o.Interceptors.Add<ExceptionInterceptor>();
            // Least privilege between services (GW-1): inside the exception interceptor, which maps its refusals.
            o.Interceptors.Add<ServiceCallInterceptor>();
            o.MaxReceiveMessageSize = MaxMessageBytes;
            o.EnableDetailedErrors = false;
        }).AddJsonTranscoding(o => // The RPCs annotated with google.api.http, as JSON under /v1/ (docs/deployment.md),
            o.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor)); // errors with their google.rpc details.
        services.AddMalformedRequestAnswers();
        services.AddGrpcReflection();
        services.AddClspdHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthTags.Ready]);

        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ServiceAuthOptions>().BindConfiguration(ServiceAuthOptions.Section);
        services.AddOptions<PeerOptions>().BindConfiguration(PeerOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DatabaseState>();
        services.AddSingleton<ChangeSignal>();
        services.AddSingleton<Database>();
        services.AddSingleton<ChangeFollower>();
        services.AddSingleton<ServiceTokenProvider>();
        services.AddHostedService<MigrationHostedService>();
        services.AddSingleton<RequestLogJanitor>();
        services.AddHostedService(sp => sp.GetRequiredService<RequestLogJanitor>());
        services.AddHostedService<ParentProcessWatcher>();
        return builder;
    }

    /// <summary>Maps health (anonymous) and reflection; every other endpoint requires a token.</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.UseManagementListener();
        app.UseClspdAuthentication();
        app.UseAuthorization();
        app.MapClspdHealth();
        app.MapGrpcReflectionService();
        return app;
    }

    /// <summary>The setting naming the directory of settings given as files (<see cref="AddClspdSecretFiles"/>).</summary>
    public const string SecretsDirectoryKey = "SecretsDirectory";

    /// <summary>
    /// Settings given as files, one per setting, named by its key with <c>__</c> for <c>:</c> (a file
    /// <c>Database__ConnectionString</c>), in the directory <c>SecretsDirectory</c> names: a Docker secret or a
    /// Kubernetes secret volume gives a connection string with its password without putting it in the environment.
    /// A setting given both ways is taken from its file.
    /// </summary>
    public static WebApplicationBuilder AddClspdSecretFiles(this WebApplicationBuilder builder)
    {
        var directory = builder.Configuration[SecretsDirectoryKey];
        if (string.IsNullOrWhiteSpace(directory))
        {
            return builder;
        }

        var path = Path.GetFullPath(directory);
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"{SecretsDirectoryKey} names {path}, which does not exist (the directory of settings given as files: is the secret mounted?)");
        }

        builder.Configuration.AddKeyPerFile(path, optional: false);

        return builder;
    }

    /// <summary>
    /// Listens with HTTP/2 only: on <c>Service:Listen</c> when it is set; else on the usual ASP.NET Core
    /// addresses when one is given (<c>ASPNETCORE_URLS</c>, <c>ASPNETCORE_HTTP_PORTS</c>, which the .NET container
    /// images set, <c>--urls</c>); else on <paramref name="defaultListen"/>. Configured Kestrel endpoints replace all
    /// three. h2c on loopback, or TLS from the <c>Tls</c> PEM files on an <c>https://</c> address; peers' client
    /// certificates must chain to <c>Tls:CaFile</c> (mutual TLS; required when <paramref name="requireClientCertificate"/>).
    /// A cleartext <c>Service:Listen</c> off loopback is refused.
    /// </summary>
    public static WebApplicationBuilder UseClspdKestrel(this WebApplicationBuilder builder, string defaultListen, bool requireClientCertificate = true)
    {
        builder.Services.AddOptions<ServiceOptions>().BindConfiguration(ServiceOptions.Section);
        builder.Services.AddOptions<TlsOptions>().BindConfiguration(TlsOptions.Section);
        var tls = builder.Configuration.GetSection(TlsOptions.Section).Get<TlsOptions>() ?? new TlsOptions();
        if (tls.Configured)
        {
            var authorities = TlsFiles.Authorities(tls);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
            {
                https.ServerCertificate ??= TlsFiles.Certificate(tls);
                https.ClientCertificateMode = requireClientCertificate ? ClientCertificateMode.RequireCertificate : ClientCertificateMode.AllowCertificate;
                var loggers = kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>();
                https.ClientCertificateValidation = (certificate, _, _) =>
                    TlsFiles.ChainsTo(certificate, authorities) || AuthenticationFailureLog.CertificateRefused(loggers, certificate);
            }));
        }

        var management = ManagementListener.Address(builder.Configuration);
        if (builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            ManagementListener.RefuseWith(management, "Kestrel:Endpoints");
            return builder;
        }

        var listen = builder.Configuration[$"{ServiceOptions.Section}:Listen"];
        if (string.IsNullOrWhiteSpace(listen) && UsualAddressesGiven(builder.Configuration))
        {
            ManagementListener.RefuseWith(management, "ASPNETCORE_URLS or ASPNETCORE_HTTP_PORTS");
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.Limits.MaxRequestBodySize = MaxMessageBytes + 1024;
                kestrel.ConfigureEndpointDefaults(o => o.Protocols = HttpProtocols.Http2);
            });
            return builder;
        }

        listen = string.IsNullOrWhiteSpace(listen) ? defaultListen : listen;
        var uri = new Uri(listen);
        if (uri.Scheme == Uri.UriSchemeHttps && !tls.Configured)
        {
            throw new InvalidOperationException($"Service:Listen is {listen}: TLS needs Tls:CertificateFile, Tls:KeyFile and Tls:CaFile (PEM files)");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !TlsFiles.IsLoopback(uri))
        {
            throw new InvalidOperationException(
                $"Service:Listen is {listen}: cleartext (h2c) is only for loopback; listen on https:// with Tls:CertificateFile, Tls:KeyFile and Tls:CaFile");
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxMessageBytes + 1024;
            void Http2(ListenOptions o)
            {
                o.Protocols = HttpProtocols.Http2;
                if (uri.Scheme == Uri.UriSchemeHttps)
                {
                    o.UseHttps();
                }
            }

            Listen(kestrel, uri, Http2);
            if (management is not null)
            {
                Listen(kestrel, management, o => o.Protocols = HttpProtocols.Http1);
            }
        });
        return builder;
    }

    /// <summary>Listens on the host of <paramref name="uri"/> (an IP address, localhost, or any address for a name) and its port.</summary>
    public static void Listen(this KestrelServerOptions kestrel, Uri uri, Action<ListenOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(uri);
        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
        {
            kestrel.Listen(address, uri.Port, configure);
        }
        else if (uri.IsLoopback)
        {
            kestrel.ListenLocalhost(uri.Port, configure);
        }
        else
        {
            kestrel.ListenAnyIP(uri.Port, configure);
        }
    }

    // The host's own keys for ASPNETCORE_URLS (or --urls), ASPNETCORE_HTTP_PORTS and ASPNETCORE_HTTPS_PORTS.
    private static bool UsualAddressesGiven(ConfigurationManager configuration) =>
        new[] { WebHostDefaults.ServerUrlsKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey }
            .Any(key => !string.IsNullOrWhiteSpace(configuration[key]));

    /// <summary>
    /// Bearer validation against the trusted issuers (<see cref="TrustedIssuers"/>): <c>Auth:Issuers</c>,
    /// one per organisation, or the single OIDC authority of <c>Auth:Authority</c>, else the local
    /// issuer's public key (<c>Auth:IssuerKeyFile</c>, checked at start-up: a missing file or one without a
    /// usable key stops the host with a sentence naming the setting). A missing or invalid token gets the gRPC
    /// status <c>Unauthenticated</c> naming GW-1.
    /// </summary>
    public static WebApplicationBuilder AddClspdAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Audience), "Auth:Audience is required")
            .Validate(o => o.TokenCacheSize >= 0, "Auth:TokenCacheSize must be zero or positive")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, IssuerKeyValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, TrustedIssuersValidator>());
        services.AddSingleton<CallerResolver>();
        // Token lifetimes are read against the wall clock, whatever the domain clock.
        services.AddSingleton(sp => new ValidatedTokenCache(sp.GetRequiredService<IOptions<AuthOptions>>().Value.TokenCacheSize, TimeProvider.System));
        // Nothing here protects data with ASP.NET data protection; keep its keys in memory rather
        // than writing unencrypted key files to the home directory.
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        var authentication = services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddTrustedIssuers(builder.Configuration.GetSection(AuthOptions.Section + ":Issuers").GetChildren().Select(c => c.Key));
        var tls = builder.Configuration.GetSection(TlsOptions.Section).Get<TlsOptions>();
        if (tls?.Configured == true)
        {
            authentication.AddPeerCertificates(tls);
        }
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.WithoutDataProtectionKeyRingWarmUp();
        return builder;
    }

    /// <summary>Bearer authentication, then the peer service named by the connection's client certificate (mutual TLS).</summary>
    public static WebApplication UseClspdAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<PeerCertificateMiddleware>();
        return app;
    }

    /// <summary>
    /// Data protection comes with a hosted service that loads its file-based key ring at start-up,
    /// and creates one when there is none: an unencrypted key file under the home directory, although
    /// the ephemeral provider registered above never reads it (dotnet/aspnetcore#54234). Nothing here
    /// uses that key ring, so the service is removed: no file written, and a faster start (measured in
    /// docs/benchmarks.md). To be called again after any registration that adds data protection (the gateway's reverse proxy does).
    /// </summary>
    public static IServiceCollection WithoutDataProtectionKeyRingWarmUp(this IServiceCollection services)
    {
        var dataProtection = typeof(EphemeralDataProtectionProvider).Assembly;
        foreach (var warmUp in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == dataProtection).ToList())
        {
            services.Remove(warmUp);
        }

        return services;
    }

    /// <summary>
    /// Traces and metrics, exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set. Without an
    /// exporter nothing is recorded: every call would otherwise build activities (at the gateway,
    /// one for the call and one for the hop) that no one reads. The runtime's own meters stay
    /// readable with dotnet-counters either way.
    /// </summary>
    public static WebApplicationBuilder AddClspdTelemetry(this WebApplicationBuilder builder, string serviceName)
    {
        if (!TelemetryExported(builder.Configuration))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("clspd-" + serviceName))
            // Clspd.*: the services' own sources and meters (ClspdActivities, each service's meter, docs/operations.md).
            .WithTracing(t => t.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSqlClientInstrumentation().AddNpgsql().AddSource("Clspd.*"))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation().AddMeter("Clspd.*"))
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>Whether traces and metrics are exported (OTEL_EXPORTER_OTLP_ENDPOINT set): without it, no one reads a trace context either.</summary>
    public static bool TelemetryExported(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
    }

    /// <summary>
    /// A typed gRPC client to another service, at the address <c>Services:{name}</c> (else
    /// <paramref name="defaultAddress"/>), calling with this service's own token.
    /// </summary>
    public static IHttpClientBuilder AddClspdClient<TClient>(this IServiceCollection services, string serviceName, string? defaultAddress = null)
        where TClient : class =>
        services.AddClspdClient<TClient>(serviceName, $"Services:{serviceName}", defaultAddress, named: false);

    /// <summary>
    /// A named typed gRPC client (<c>GrpcClientFactory.CreateClient&lt;TClient&gt;(name)</c>) at the
    /// address of the setting <paramref name="addressSetting"/> (e.g. one registry per commune,
    /// <c>Consent:Communes:{name}:Registry</c>), with the same TLS and token as the others.
    /// </summary>
    public static IHttpClientBuilder AddNamedClspdClient<TClient>(this IServiceCollection services, string name, string addressSetting)
        where TClient : class =>
        services.AddClspdClient<TClient>(name, addressSetting, null, named: true);

    private static IHttpClientBuilder AddClspdClient<TClient>(this IServiceCollection services, string serviceName, string addressSetting, string? defaultAddress, bool named)
        where TClient : class
    {
        services.AddOptions<PeerAddressOptions>(serviceName)
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.Address = configuration[addressSetting] ?? defaultAddress;
                o.Setting = addressSetting;
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PeerAddressOptions>, PeerAddressValidator>());
        void Configure(IServiceProvider sp, Grpc.Net.ClientFactory.GrpcClientFactoryOptions o)
        {
            var address = sp.GetRequiredService<IOptionsMonitor<PeerAddressOptions>>().Get(serviceName).Address;
            if (string.IsNullOrWhiteSpace(address))
            {
                throw new InvalidOperationException($"{addressSetting} (the address of the {serviceName} service) is not configured");
            }

            o.Address = new Uri(address);
        }

        if (!named && !services.Any(d => d.ServiceType == typeof(PeerHealthCheck) && Equals(d.ServiceKey, serviceName)))
        {
            // A required peer: /readyz checks that it answers (asking its health service over the same channel settings).
            Transport(services.AddGrpcClient<Grpc.Health.V1.Health.HealthClient>(PeerHealthCheck.ClientName(serviceName), Configure));
            services.AddKeyedSingleton(serviceName, (sp, _) => ActivatorUtilities.CreateInstance<PeerHealthCheck>(sp, serviceName));
            services.AddHealthChecks().Add(new HealthCheckRegistration("peer:" + serviceName,
                sp => sp.GetRequiredKeyedService<PeerHealthCheck>(serviceName), HealthStatus.Unhealthy, [HealthTags.Ready, HealthTags.Peer]));
        }

        return Transport(named ? services.AddGrpcClient<TClient>(serviceName, Configure) : services.AddGrpcClient<TClient>(Configure))
            .AddInterceptor(() => new PeerCallInterceptor(serviceName))
            .AddCallCredentials((_, metadata, sp) =>
            {
                var token = sp.GetRequiredService<ServiceTokenProvider>().GetToken();
                if (token is not null)
                {
                    metadata.Add("authorization", "Bearer " + token);
                }

                return Task.CompletedTask;
            });

        IHttpClientBuilder Transport(IHttpClientBuilder client) => client
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
                var tls = sp.GetRequiredService<IOptions<TlsOptions>>().Value;
                if (tls.Configured)
                {
                    // Mutual TLS: the peer's certificate is checked against our CA, ours is presented.
                    handler.SslOptions = TlsFiles.ClientOptions(tls);
                }

                return handler;
            })
            .ConfigureChannel((sp, o) =>
            {
                // Cleartext only on loopback (checked at start-up by PeerAddressValidator); TLS elsewhere.
                var address = sp.GetRequiredService<IOptionsMonitor<PeerAddressOptions>>().Get(serviceName).Address;
                o.UnsafeUseInsecureChannelCallCredentials = address is not null && new Uri(address).Scheme == Uri.UriSchemeHttp && TlsFiles.IsLoopback(new Uri(address));
                o.MaxReceiveMessageSize = MaxMessageBytes;
            });
    }
}
