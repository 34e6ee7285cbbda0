using Clspd.Gateway.Tests.Infrastructure;
using Clspd.Testing;
using Grpc.Core;

namespace Clspd.Gateway.Tests;

public sealed class GatewayLimitsTests
{
    [Fact]
    public async Task Call_OverRateLimit_ResourceExhaustedForThatCallerOnly_GW_2()
    {
        using var issuer = new TestIssuer();
        await using var backend = await TestBackend.StartAsync();
        await using var gateway = await TestGateway.StartAsync(issuer, new Dictionary<string, string?>
        {
            ["Gateway:Backends:registry"] = backend.Address.ToString(),
            ["Gateway:RateLimit:PermitsPerSecond"] = "2",
            ["Gateway:RateLimit:QueueLimit"] = "0",
        });
        var flooder = issuer.Token("flooder");

        // All at once, so that they fall in the same one-second window whatever the machine's load.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            try
            {
                await gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, Bearer.Options(flooder), [1]).ResponseAsync;
                return null;
            }
            catch (RpcException e)
            {
                return e;
            }
        }));
        var refused = outcomes.OfType<RpcException>().ToList();
        var accepted = outcomes.Length - refused.Count;

        var reply = await gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, issuer.As("calm"), [7]).ResponseAsync;

        Assert.NotEmpty(refused);
        Assert.All(refused, e =>
        {
            Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
            Assert.Equal("GW-2: too many calls from this caller (limit 2 per second); retry later", e.Status.Detail);
        });
        Assert.InRange(accepted, 1, 4);
        Assert.Equal(accepted + 1, backend.Calls);
        Assert.Equal([7], reply);
    }

    [Fact]
    public async Task Call_BackendDown_UnavailableAndHealthNotServing()
    {
        using var issuer = new TestIssuer();
        var backend = await TestBackend.StartAsync();
        await using var gateway = await TestGateway.StartAsync(issuer, new Dictionary<string, string?>
        {
            ["Gateway:Backends:registry"] = backend.Address.ToString(),
        });
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, await gateway.HealthAsync());

        await backend.StopAsync();
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, issuer.As("alice"), [1]).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal("the registry service is unreachable", e.Status.Detail);
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing, await gateway.HealthAsync());
    }
}
