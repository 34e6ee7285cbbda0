using Clspd.Gateway.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;

namespace Clspd.Gateway.Routing;

/// <summary>Gives YARP the routes and clusters built from <c>Gateway:Backends</c> (fixed for the life of the process).</summary>
public sealed class BackendProxyConfigProvider(IOptions<GatewayOptions> options) : IProxyConfigProvider
{
    private readonly Lazy<IProxyConfig> _config = new(() => Snapshot.From(options.Value));

    public IProxyConfig GetConfig() => _config.Value;

    private sealed class Snapshot : IProxyConfig
    {
        private Snapshot(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters)
        {
            Routes = routes;
            Clusters = clusters;
        }

        public IReadOnlyList<RouteConfig> Routes { get; }

        public IReadOnlyList<ClusterConfig> Clusters { get; }

        public IChangeToken ChangeToken { get; } = new CancellationChangeToken(CancellationToken.None);

        public static Snapshot From(GatewayOptions options)
        {
            var (routes, clusters) = BackendRoutes.Build(options);
            return new Snapshot(routes, clusters);
        }
    }
}
