using Clspd.ServiceDefaults;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Clspd.Gateway.Routing;

/// <summary>
/// The connections from the gateway to the services: h2c on loopback or mutual TLS, several HTTP/2 connections per backend
/// when one connection's concurrent streams are used up (rather than queueing calls behind it), and
/// connections renewed every few minutes so that a backend moved behind the same name is picked up.
/// </summary>
public sealed class BackendHttpClientFactory(ILogger<ForwarderHttpClientFactory> logger, IOptions<TlsOptions> tls, IConfiguration configuration)
    : ForwarderHttpClientFactory(logger)
{
    /// <summary>How long one connection to a backend is reused before a new one is opened.</summary>
    public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(5);

    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.EnableMultipleHttp2Connections = true;
        handler.PooledConnectionLifetime = ConnectionLifetime;
        handler.PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2);
        if (!ServiceDefaultsExtensions.TelemetryExported(configuration))
        {
            // No traces exported: no trace context to carry to the service, and no diagnostics handler
            // wrapped around every forwarded call (issue #22, the gateway's cost per call).
            handler.ActivityHeadersPropagator = null;
        }

        if (tls.Value.Configured)
        {
            // Mutual TLS to https:// backends: their certificates checked against Tls:CaFile, the gateway's presented.
            handler.SslOptions = TlsFiles.ClientOptions(tls.Value);
        }
        // No HTTP/2 keep-alive pings: on an overloaded host a late answer to a ping would abort a
        // connection carrying calls that are merely slow.
    }
}
