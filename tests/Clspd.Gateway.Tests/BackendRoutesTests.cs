using System.Net;
using Clspd.Gateway.Configuration;
using Clspd.Gateway.Routing;
using Clspd.Hosting;

namespace Clspd.Gateway.Tests;

public sealed class BackendRoutesTests
{
    [Fact]
    public void Build_EmptyAddress_NotRouted()
    {
        var options = new GatewayOptions
        {
            Backends = new(StringComparer.OrdinalIgnoreCase) { ["registry"] = DefaultPorts.RegistryAddress, ["consent"] = "", ["records"] = null },
        };

        var (routes, clusters) = BackendRoutes.Build(options);

        Assert.Equal(["/clspd.registry.v1.{service}/{method}", "/v1/registry/{**rest}"], routes.Select(r => r.Match.Path));
        Assert.All(routes, r => Assert.Equal("registry", r.ClusterId));
        var cluster = Assert.Single(clusters);
        Assert.Equal(DefaultPorts.RegistryAddress + "/", Assert.Single(cluster.Destinations!).Value.Address);
    }

    [Fact]
    public void Build_Cluster_RequestsExactHttp2ForH2c()
    {
        var options = new GatewayOptions { Backends = new(StringComparer.OrdinalIgnoreCase) { ["access"] = DefaultPorts.AccessAddress } };

        var cluster = Assert.Single(BackendRoutes.Build(options).Clusters);

        Assert.Equal(HttpVersion.Version20, cluster.HttpRequest!.Version);
        Assert.Equal(HttpVersionPolicy.RequestVersionExact, cluster.HttpRequest.VersionPolicy);
    }

    [Fact]
    public void Build_Routes_ForwardNoXForwardedHeaders()
    {
        var options = new GatewayOptions { Backends = new(StringComparer.OrdinalIgnoreCase) { ["access"] = DefaultPorts.AccessAddress } };

        var (routes, _) = BackendRoutes.Build(options);

        // Removed rather than set: the services read none, and none that a caller wrote reaches them.
        Assert.Equal(2, routes.Count);
        Assert.All(routes, r => Assert.Equal("Remove", Assert.Single(r.Transforms!)["X-Forwarded"]));
    }

    [Fact]
    public void Validate_BadNameOrAddress_Fails()
    {
        var options = new GatewayOptions
        {
            Backends = new(StringComparer.OrdinalIgnoreCase) { ["re.cords"] = "http://127.0.0.1:1", ["access"] = $"{DefaultPorts.LoopbackHost}:{DefaultPorts.Access}" },
        };

        var result = new GatewayOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Equal(2, result.Failures!.Count());
    }

    [Fact]
    public void Defaults_RequestLimitIsFourMiB_GW_2()
    {
        Assert.Equal(4 * 1024 * 1024, new GatewayOptions().MaxRequestBytes);
    }
}
