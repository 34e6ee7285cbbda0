using Clspd.Gateway.Health;
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

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-jwt")]
    [InlineData("foreign-key")]
    public async Task Call_WithoutValidTokenOverAddressLimit_ResourceExhaustedOthersStillServed_GW_2(string? token)
    {
        using var issuer = new TestIssuer();
        using var foreign = new TestIssuer();
        await using var backend = await TestBackend.StartAsync();
        await using var gateway = await TestGateway.StartAsync(issuer, new Dictionary<string, string?>
        {
            ["Gateway:Backends:registry"] = backend.Address.ToString(),
            ["Gateway:RateLimit:AnonymousPermitsPerSecond"] = "2",
        });
        var options = token switch
        {
            null => Bearer.None,
            "foreign-key" => Bearer.Options(foreign.Token("mallory")),
            _ => Bearer.Options(token),
        };

        // All at once, so that they fall in the same one-second window whatever the machine's load.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Assert.ThrowsAsync<RpcException>(() =>
            gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, options, [1]).ResponseAsync)));
        var refused = outcomes.Where(e => e.StatusCode == StatusCode.ResourceExhausted).ToList();
        var unauthenticated = outcomes.Count(e => e.StatusCode == StatusCode.Unauthenticated);

        var reply = await gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, issuer.As("calm"), [7]).ResponseAsync;

        Assert.NotEmpty(refused);
        Assert.All(refused, e => Assert.Equal(
            "GW-2: too many calls without a valid token from this address (limit 2 per second); retry later", e.Status.Detail));
        Assert.Equal(outcomes.Length, refused.Count + unauthenticated);
        Assert.InRange(unauthenticated, 1, 4);
        Assert.Equal(1, backend.Calls);
        Assert.Equal([7], reply);
    }

    [Fact]
    public async Task Health_AnonymousOverAddressLimit_ResourceExhausted_GW_2()
    {
        using var issuer = new TestIssuer();
        await using var backend = await TestBackend.StartAsync();
        await using var gateway = await TestGateway.StartAsync(issuer, new Dictionary<string, string?>
        {
            ["Gateway:Backends:registry"] = backend.Address.ToString(),
            ["Gateway:RateLimit:AnonymousPermitsPerSecond"] = "2",
        });

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            try
            {
                await gateway.HealthAsync();
                return null;
            }
            catch (RpcException e)
            {
                return e;
            }
        }));

        var refused = outcomes.OfType<RpcException>().ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, e => Assert.Equal((StatusCode.ResourceExhausted,
            "GW-2: too many calls without a valid token from this address (limit 2 per second); retry later"), (e.StatusCode, e.Status.Detail)));
        Assert.InRange(outcomes.Length - refused.Count, 1, 4);
    }

    [Fact]
    public async Task Readyz_ManyAnonymousCallsWithinASecond_ProbeEachBackendOnceAndLimited_GW_2()
    {
        using var issuer = new TestIssuer();
        await using var registry = await TestBackend.StartAsync();
        await using var gateway = await TestGateway.StartAsync(issuer, new Dictionary<string, string?>
        {
            ["Gateway:Backends:registry"] = registry.Address.ToString(),
            ["Gateway:RateLimit:AnonymousPermitsPerSecond"] = "3",
        });

        var statuses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => gateway.GetStatusAsync("/readyz")));

        // Some served (one probe of the backend for all of them), the others refused with 429, never a false 200.
        Assert.InRange(statuses.Count(s => s == System.Net.HttpStatusCode.OK), 1, 6);
        Assert.All(statuses, s => Assert.Contains(s, new[] { System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.TooManyRequests }));
        Assert.Equal(1, registry.HealthChecks);
    }

    [Fact]
    public async Task Healthz_BackendNotServing_StillHealthyButReadyzUnavailable()
    {
        using var issuer = new TestIssuer();
        await using var registry = await TestBackend.StartAsync();
        registry.Serving = false;
        await using var gateway = await TestGateway.StartAsync(issuer, new Dictionary<string, string?>
        {
            ["Gateway:Backends:registry"] = registry.Address.ToString(),
        });

        Assert.Equal((System.Net.HttpStatusCode.OK, System.Net.HttpStatusCode.ServiceUnavailable),
            (await gateway.GetStatusAsync("/healthz"), await gateway.GetStatusAsync("/readyz")));
    }

    [Fact]
    public async Task Health_ManyAnonymousCallsWithinASecond_ProbeEachBackendOnce_GW_2()
    {
        using var issuer = new TestIssuer();
        await using var registry = await TestBackend.StartAsync();
        await using var consent = await TestBackend.StartAsync();
        await using var gateway = await TestGateway.StartAsync(issuer, new Dictionary<string, string?>
        {
            ["Gateway:Backends:registry"] = registry.Address.ToString(),
            ["Gateway:Backends:consent"] = consent.Address.ToString(),
        });

        var first = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => gateway.HealthAsync()));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, await gateway.HealthAsync());
        }

        Assert.All(first, s => Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, s));
        Assert.Equal((1, 1), (registry.HealthChecks, consent.HealthChecks));

        // A second later (by the gateway's clock) the next call probes again, and sees a change.
        consent.Serving = false;
        gateway.Clock.Advance(BackendsHealthCheck.CacheFor);
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing, await gateway.HealthAsync());
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing, await gateway.HealthAsync());
        Assert.Equal((2, 2), (registry.HealthChecks, consent.HealthChecks));
    }

    [Fact]
    public async Task Call_LargeMessageWithoutDeclaredLength_GatewaySentenceNotTheServiceTransport_GW_2()
    {
        // The backend limits its messages as the services do, to the gateway's limit (4 MiB): the
        // gateway must refuse at the message's length prefix, before the backend sees it and
        // answers first — which it does long before the gateway has counted 4 MiB of body.
        const int Limit = 4 * 1024 * 1024;
        using var issuer = new TestIssuer();
        await using var backend = await TestBackend.StartAsync(maxReceiveMessageSize: Limit);
        await using var gateway = await TestGateway.StartAsync(issuer, new Dictionary<string, string?>
        {
            ["Gateway:Backends:registry"] = backend.Address.ToString(),
            ["Gateway:MaxRequestBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        // grpc-dotnet sends no content-length: the body arrives as HTTP/2 data frames.
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, issuer.As("alice"), new byte[5 * 1024 * 1024]).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Equal($"GW-2: the request is larger than the {Limit} bytes this gateway accepts per call", e.Status.Detail);
    }

    [Fact]
    public async Task Call_ClientStreamOverLimit_ResourceExhaustedWithGatewaySentence_GW_2()
    {
        const int Limit = 64 * 1024;
        using var issuer = new TestIssuer();
        await using var backend = await TestBackend.StartAsync(maxReceiveMessageSize: Limit);
        await using var gateway = await TestGateway.StartAsync(issuer, new Dictionary<string, string?>
        {
            ["Gateway:Backends:registry"] = backend.Address.ToString(),
            ["Gateway:MaxRequestBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var call = gateway.Invoker.AsyncClientStreamingCall(ProbeMethods.Collect("registry"), null, issuer.As("alice"));

        // Messages each well under the limit, together over it; the call is cut on the way.
        var e = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            try
            {
                for (var i = 0; i < 10; i++)
                {
                    await call.RequestStream.WriteAsync(new byte[Limit / 4]);
                }

                await call.RequestStream.CompleteAsync();
            }
            catch (RpcException)
            {
                // The call already ended: its status is read from the response below.
            }
            catch (InvalidOperationException)
            {
                // Writing after the call ended.
            }

            await call.ResponseAsync;
        });

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Equal($"GW-2: the request is larger than the {Limit} bytes this gateway accepts per call", e.Status.Detail);
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
        gateway.Clock.Advance(BackendsHealthCheck.CacheFor);
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, issuer.As("alice"), [1]).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal("the registry service is unreachable", e.Status.Detail);
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.NotServing, await gateway.HealthAsync());
    }
}
