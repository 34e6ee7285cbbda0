using System.Net;
using Clspd.Gateway.Configuration;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace Clspd.Gateway.Routing;

/// <summary>
/// Turns the configured backends into YARP routes and clusters: two routes per service, one matching
/// its proto package (<c>/clspd.{name}.v1.{Service}/{Method}</c>), one its JSON paths (<c>/v1/{name}/...</c>),
/// to one h2c destination.
/// </summary>
public static class BackendRoutes
{
    /// <summary>The suffix of the id of a backend's JSON route (<c>consent-json</c>).</summary>
    public const string JsonRouteSuffix = "-json";

    public static (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) Build(GatewayOptions options)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var backend in options.DeployedBackends())
        {
            routes.Add(new RouteConfig
            {
                RouteId = backend.Name,
                ClusterId = backend.Name,
                // A catch-all cannot share a segment with a literal; gRPC paths are always /package.Service/Method.
                Match = new RouteMatch { Path = $"/clspd.{backend.Name}.v1.{{service}}/{{method}}" },
            }.WithoutForwardedHeaders());
            // JSON for partners: the service transcodes its RPCs annotated under /v1/{name}/ (google.api.http),
            // reached over the same h2c hop, behind the same token, limits and errors.
            routes.Add(new RouteConfig
            {
                RouteId = backend.Name + JsonRouteSuffix,
                ClusterId = backend.Name,
                Match = new RouteMatch { Path = $"{backend.JsonPathPrefix}{{**rest}}" },
            }.WithoutForwardedHeaders());
            clusters.Add(new ClusterConfig
            {
                ClusterId = backend.Name,
                // h2c: without an exact HTTP/2 request the hop downgrades to HTTP/1.1 and the backend answers 400.
                HttpRequest = new ForwarderRequestConfig
                {
                    Version = HttpVersion.Version20,
                    VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                    ActivityTimeout = options.BackendActivityTimeout,
                    // Answers stream back to the caller as they arrive (gRPC streams included).
                    AllowResponseBuffering = false,
                },
                HttpClient = new HttpClientConfig { EnableMultipleHttp2Connections = true },
                Destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase)
                {
                    [backend.Name] = new() { Address = backend.Address.ToString() },
                },
            });
        }

        return (routes, clusters);
    }

    /// <summary>
    /// No X-Forwarded-For, -Proto, -Host or -Prefix to the services, which read none of them (the caller is its token,
    /// the limits are the gateway's): YARP would otherwise format and add four headers to every forwarded call (issue #22,
    /// the gateway's cost per call). Those a caller sent are removed, so that no service ever sees one a caller wrote.
    /// </summary>
    private static RouteConfig WithoutForwardedHeaders(this RouteConfig route) => route.WithTransformXForwarded(xDefault: ForwardedTransformActions.Remove);
}
