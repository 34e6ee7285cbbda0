using System.Net;
using Clspd.Gateway.Diagnostics;
using Clspd.Gateway.Tests.Infrastructure;
using Clspd.ServiceDefaults.Auth;
using Clspd.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Clspd.Gateway.Tests;

/// <summary>The gateway's meter: every call it refuses itself, by GW rule and reason.</summary>
public sealed class GatewayMetricsTests
{
    [Fact]
    public async Task Call_WithoutToken_RejectionCountedOnceUnderGW_1()
    {
        using var issuer = new TestIssuer();
        await using var backend = await TestBackend.StartAsync();
        await using var gateway = await TestGateway.StartAsync(issuer, new Dictionary<string, string?> { ["Gateway:Backends:registry"] = backend.Address.ToString() });
        using var rejections = Collector(gateway);

        var e = await Assert.ThrowsAsync<RpcException>(() => gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, Bearer.None, [1]).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        var measurement = Assert.Single(rejections.GetMeasurementSnapshot());
        Assert.Equal(("GW-1", "unauthenticated"), ((string?)measurement.Tags["rule"], (string?)measurement.Tags["reason"]));
    }

    [Fact]
    public async Task JsonCall_WithoutToken_401CountedOnceUnderGW_1()
    {
        using var issuer = new TestIssuer();
        await using var backend = await TestBackend.StartAsync();
        await using var gateway = await TestGateway.StartAsync(issuer, new Dictionary<string, string?>
        {
            ["Gateway:Backends:registry"] = backend.Address.ToString(),
            ["Gateway:JsonListen"] = "http://127.0.0.1:0",
        });
        using var rejections = Collector(gateway);
        using var http = new HttpClient { BaseAddress = gateway.JsonAddress, Timeout = TimeSpan.FromSeconds(30) };

        using var response = await http.GetAsync(new Uri("/v1/registry/subjects/admin/designations", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var measurement = Assert.Single(rejections.GetMeasurementSnapshot());
        Assert.Equal(("GW-1", "unauthenticated"), ((string?)measurement.Tags["rule"], (string?)measurement.Tags["reason"]));
        Assert.Equal(0, backend.Calls);
    }

    [Fact]
    public async Task Call_BackendsOwnUnauthenticated_PassedOnNotCountedUnderGW_1()
    {
        using var issuer = new TestIssuer();
        await using var backend = await TestBackend.StartAsync();
        await using var gateway = await TestGateway.StartAsync(issuer, new Dictionary<string, string?> { ["Gateway:Backends:registry"] = backend.Address.ToString() });
        using var rejections = Collector(gateway);

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            gateway.Invoker.AsyncUnaryCall(ProbeMethods.Refuse("registry"), null, Bearer.Options(issuer.Token("alice")), [1]).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Equal(ProbeService.RefuseMessage, e.Status.Detail);
        Assert.Equal(1, backend.Calls);
        Assert.Empty(rejections.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task Call_TwoIssuersInvalidToken_CountedOnceUnderGW_1()
    {
        using var communeA = new TestIssuer();
        using var communeB = new TestIssuer();
        // Names commune B's issuer, signed with another key: commune B's scheme refuses it.
        using var forger = LocalIssuer.EnsureCreated(Path.Combine(communeB.Directory, "forger"), issuer: "commune-b");
        await using var backend = await TestBackend.StartAsync();
        await using var gateway = await TestGateway.StartAsync(communeA, new Dictionary<string, string?>
        {
            ["Gateway:Backends:registry"] = backend.Address.ToString(),
            ["Auth:Issuers:a:Issuer"] = LocalIssuer.DefaultIssuer,
            ["Auth:Issuers:a:KeyFile"] = communeA.PublicKeyFile,
            ["Auth:Issuers:b:Issuer"] = "commune-b",
            ["Auth:Issuers:b:KeyFile"] = communeB.PublicKeyFile,
        });
        using var rejections = Collector(gateway);

        var forged = await Assert.ThrowsAsync<RpcException>(() => gateway.Invoker.AsyncUnaryCall(
            ProbeMethods.Echo("registry"), null, Bearer.Options(forger.Mint("alice", TimeSpan.FromHours(1))), [1]).ResponseAsync);
        var valid = await gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, Bearer.Options(communeA.Token("alice")), [1]).ResponseAsync;

        Assert.Equal(StatusCode.Unauthenticated, forged.StatusCode);
        Assert.Equal("GW-1: the bearer token is invalid or expired", forged.Status.Detail);
        Assert.Equal([1], valid);
        var measurement = Assert.Single(rejections.GetMeasurementSnapshot());
        Assert.Equal(("GW-1", "unauthenticated"), ((string?)measurement.Tags["rule"], (string?)measurement.Tags["reason"]));
    }

    [Fact]
    public async Task Call_InternalMethod_RejectionCountedUnderGW_1()
    {
        using var issuer = new TestIssuer();
        await using var backend = await TestBackend.StartAsync();
        await using var gateway = await TestGateway.StartAsync(issuer, new Dictionary<string, string?> { ["Gateway:Backends:registry"] = backend.Address.ToString() });
        using var rejections = Collector(gateway);

        var e = await Assert.ThrowsAsync<RpcException>(() => gateway.Invoker.AsyncUnaryCall(
            ProbeMethods.Of("clspd.registry.v1.RegistryService", "Watch"), null, Bearer.Options(issuer.Token("alice")), [1]).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        var measurement = Assert.Single(rejections.GetMeasurementSnapshot());
        Assert.Equal(("GW-1", "internal_method"), ((string?)measurement.Tags["rule"], (string?)measurement.Tags["reason"]));
    }

    [Fact]
    public async Task Health_OverAnonymousLimit_RejectionsCountedUnderGW_2()
    {
        using var issuer = new TestIssuer();
        await using var backend = await TestBackend.StartAsync();
        await using var gateway = await TestGateway.StartAsync(issuer, new Dictionary<string, string?>
        {
            ["Gateway:Backends:registry"] = backend.Address.ToString(),
            ["Gateway:RateLimit:AnonymousPermitsPerSecond"] = "1",
        });
        using var rejections = Collector(gateway);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => gateway.GetStatusAsync("/healthz")));

        var refused = statuses.Count(s => s == System.Net.HttpStatusCode.TooManyRequests);
        Assert.InRange(refused, 1, 5);
        var measured = rejections.GetMeasurementSnapshot();
        Assert.Equal(refused, measured.Count);
        Assert.All(measured, m => Assert.Equal(("GW-2", "rate_limit"), ((string?)m.Tags["rule"], (string?)m.Tags["reason"])));
    }

    [Fact]
    public async Task Challenge_AnswerWritten_RefusalAlreadyCountedUnderGW_1()
    {
        await using var services = new ServiceCollection().AddMetrics().AddSingleton<GatewayMetrics>().BuildServiceProvider();
        using var rejections = new MetricCollector<long>(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), GatewayMetrics.MeterName, GatewayMetrics.Rejections);
        var countedWhenAnswered = new List<int>();
        var options = new Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions();
        options.Events.OnChallenge = _ =>
        {
            // The answer goes out here: a caller that reads it may look at the count at once.
            countedWhenAnswered.Add(rejections.GetMeasurementSnapshot().Count);
            return Task.CompletedTask;
        };
        UnauthenticatedCounting.Attach(options);
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = services };
        var scheme = new Microsoft.AspNetCore.Authentication.AuthenticationScheme("Bearer", null, typeof(Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler));

        await options.Events.OnChallenge(new Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerChallengeContext(http, scheme, options, new()));
        await options.Events.OnChallenge(new Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerChallengeContext(http, scheme, options, new()));

        // Counted before the first answer, and once however often the request is challenged.
        Assert.Equal([1, 1], countedWhenAnswered);
        Assert.Single(rejections.GetMeasurementSnapshot());
    }

    private static MetricCollector<long> Collector(TestGateway gateway) =>
        new(gateway.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), GatewayMetrics.MeterName, GatewayMetrics.Rejections);
}
