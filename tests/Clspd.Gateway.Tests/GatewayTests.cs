using System.Net;
using System.Net.Http.Headers;
using Clspd.Gateway.Health;
using Clspd.Gateway.Tests.Infrastructure;
using Clspd.ServiceDefaults.Auth;
using Clspd.Testing;
using Grpc.Core;
using Grpc.Health.V1;

namespace Clspd.Gateway.Tests;

public sealed class GatewayTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private static readonly byte[] Payload = [1, 2, 3, 4, 5];

    private TestGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task Call_WithoutToken_Unauthenticated_GW_1()
    {
        // Without a token: a call of another test of this class, still on its way, cannot change this count.
        var before = fixture.Registry.CallsWithoutToken;

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            Gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, Bearer.None, Payload).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Equal("GW-1: a bearer token is required (authorization: Bearer <token>)", e.Status.Detail);
        Assert.Equal(before, fixture.Registry.CallsWithoutToken);
    }

    [Fact]
    public async Task Call_WithoutToken_MessageOnTheWireIsTheSentenceItself_GW_1()
    {
        using var http = new HttpClient();
        using var request = GrpcRequest(new byte[] { 0, 0, 0, 0, 0 }, token: null);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        // Printable ASCII is sent as is (only other bytes and '%' are percent-encoded): a client that
        // decodes, and one that does not, both read the sentence exactly.
        Assert.Equal(((int)StatusCode.Unauthenticated).ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("grpc-status")));
        Assert.Equal("GW-1: a bearer token is required (authorization: Bearer <token>)", Assert.Single(response.Headers.GetValues("grpc-message")));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("expired")]
    [InlineData("wrong-issuer")]
    [InlineData("wrong-audience")]
    [InlineData("foreign-key")]
    public async Task Call_WithInvalidToken_Unauthenticated_GW_1(string kind)
    {
        var before = fixture.Registry.Calls;

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            Gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, Bearer.Options(InvalidToken(kind)), Payload).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Equal("GW-1: the bearer token is invalid or expired", e.Status.Detail);
        Assert.Equal(before, fixture.Registry.Calls);
    }

    [Theory]
    [InlineData("clspd.consent.v1.ConsentService", "svc:access")]
    [InlineData("clspd.registry.v1.RegistryService", "svc:access")]
    [InlineData("clspd.consent.v1.ConsentService", "admin")]
    public async Task Watch_ThroughTheGateway_PermissionDeniedWhateverTheToken_GW_1(string service, string subject)
    {
        var token = fixture.Issuer.Token(subject);

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            Gateway.Invoker.AsyncUnaryCall(ProbeMethods.Of(service, "Watch"), null, Bearer.Options(token), Payload).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
        Assert.Equal($"GW-1: /{service}/Watch is called between services only; the gateway routes it to no one", e.Status.Detail);
        Assert.Equal(0, fixture.Registry.CallsWithToken(token) + fixture.Consent.CallsWithToken(token));
    }

    [Fact]
    public async Task Call_WithValidToken_ProxiedWithAuthorizationHeader()
    {
        var token = fixture.Issuer.Token("alice-" + Guid.NewGuid().ToString("N"));

        using var call = Gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, Bearer.Options(token), Payload);
        var reply = await call.ResponseAsync;
        var headers = await call.ResponseHeadersAsync;

        Assert.Equal(Payload, reply);
        Assert.Equal("Bearer " + token, headers.GetValue("x-seen-authorization"));
        Assert.Equal(1, fixture.Registry.CallsWithToken(token));
    }

    [Fact]
    public async Task Call_EachDeployedService_ReachesItsOwnBackend()
    {
        var registryBefore = fixture.Registry.Calls;
        var consentBefore = fixture.Consent.Calls;

        await Gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("consent"), null, fixture.Issuer.As("alice"), Payload).ResponseAsync;

        Assert.Equal(consentBefore + 1, fixture.Consent.Calls);
        Assert.Equal(registryBefore, fixture.Registry.Calls);
    }

    [Fact]
    public async Task Call_BackendError_StatusComesBackUnchanged()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            Gateway.Invoker.AsyncUnaryCall(ProbeMethods.Fail("registry"), null, fixture.Issuer.As("alice"), Payload).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        Assert.Equal(ProbeService.FailMessage, e.Status.Detail);
    }

    [Theory]
    [InlineData("records")]
    [InlineData("access")]
    public async Task Call_ToServiceNotDeployed_UnimplementedNamingService(string service)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            Gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo(service), null, fixture.Issuer.As("alice"), Payload).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
        Assert.Equal($"the {service} service is not deployed behind this gateway (/clspd.{service}.v1.Probe/Echo)", e.Status.Detail);
    }

    [Theory]
    [InlineData("other.v1.Thing", "Do")]
    [InlineData("clspd.registry.v2.Probe", "Echo")]
    public async Task Call_ToUnknownPath_Unimplemented(string service, string method)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            Gateway.Invoker.AsyncUnaryCall(ProbeMethods.Of(service, method), null, fixture.Issuer.As("alice"), Payload).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
        Assert.Equal($"no service behind this gateway implements /{service}/{method}", e.Status.Detail);
    }

    [Fact]
    public async Task Call_UnderSizeLimit_Proxied_GW_2()
    {
        var payload = new byte[GatewayFixture.MaxRequestBytes - 1024];
        Random.Shared.NextBytes(payload);

        var reply = await Gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, fixture.Issuer.As("alice"), payload).ResponseAsync;

        Assert.Equal(payload, reply);
    }

    [Fact]
    public async Task Call_OverSizeLimit_ResourceExhausted_GW_2()
    {
        var payload = new byte[GatewayFixture.MaxRequestBytes * 4];

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            Gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, fixture.Issuer.As("alice"), payload).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Equal($"GW-2: the request is larger than the {GatewayFixture.MaxRequestBytes} bytes this gateway accepts per call", e.Status.Detail);
    }

    [Fact]
    public async Task Call_DeclaredLengthOverLimit_ResourceExhaustedBeforeBackend_GW_2()
    {
        // Counted by this call's own token: a late call of another test cannot change the count.
        var token = fixture.Issuer.Token("alice-" + Guid.NewGuid().ToString("N"));
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Gateway.Address, "/clspd.registry.v1.Probe/Echo"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(new byte[GatewayFixture.MaxRequestBytes + 1]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.Add("te", "trailers");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(((int)StatusCode.ResourceExhausted).ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(response.Headers.GetValues("grpc-status")));
        Assert.Equal(0, fixture.Registry.CallsWithToken(token));
    }

    [Fact]
    public async Task Call_MalformedRequest_InvalidArgumentComesBackThroughTheGateway_GW_2()
    {
        // The backend binds its methods as the services do (MalformedRequestMethodProvider): bytes
        // that are not a google.protobuf.Timestamp (a length past the end) get InvalidArgument.
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            Gateway.Invoker.AsyncUnaryCall(ProbeMethods.Parse("registry"), null, fixture.Issuer.As("alice"), [0x0A, 0x7F, 0x01]).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("the request is not a valid google.protobuf.Timestamp message", e.Status.Detail);
    }

    [Fact]
    public async Task Health_AllBackendsServing_ServingWithoutToken()
    {
        // Past whatever an earlier health call of this shared gateway left in the one-second cache.
        Gateway.Clock.Advance(BackendsHealthCheck.CacheFor);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await Gateway.HealthAsync());
    }

    [Fact]
    public async Task Health_OneBackendNotServing_NotServing()
    {
        fixture.Consent.Serving = false;
        try
        {
            // Past the answer a previous health call may have left in the cache.
            Gateway.Clock.Advance(BackendsHealthCheck.CacheFor);
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, await Gateway.HealthAsync());
        }
        finally
        {
            fixture.Consent.Serving = true;
        }

        Gateway.Clock.Advance(BackendsHealthCheck.CacheFor);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await Gateway.HealthAsync());
    }

    [Theory]
    [InlineData("expired", "expired")]
    [InlineData("wrong-issuer", "untrusted issuer")]
    [InlineData("wrong-audience", "wrong audience")]
    [InlineData("foreign-key", "signature not from a trusted key")]
    public async Task Call_WithInvalidToken_LoggedAtWarningWithSubjectAddressAndReasonNeverTheToken_GW_1(string kind, string reason)
    {
        var subject = "mallory-" + Guid.NewGuid().ToString("N")[..8];
        var token = InvalidToken(kind, subject);

        await Assert.ThrowsAsync<RpcException>(() =>
            Gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, Bearer.Options(token), Payload).ResponseAsync);

        var entry = Assert.Single(Gateway.Logs.Entries, e => e.Message.Contains(subject, StringComparison.Ordinal));
        Assert.Equal((AuthenticationFailureLog.Category, Microsoft.Extensions.Logging.LogLevel.Warning), (entry.Category, entry.Level));
        Assert.Equal($"GW-1: bearer token refused ({reason}) for claimed subject {subject} from 127.0.0.1 on {ProbeMethods.Echo("registry").FullName}", entry.Message);
        Assert.DoesNotContain(Gateway.Logs.Entries, e => e.Message.Contains(token.Split('.')[2], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Call_WithGarbageToken_LoggedAsMalformedWithUnknownSubject_GW_1()
    {
        var garbage = "not-a-jwt-" + Guid.NewGuid().ToString("N");

        await Assert.ThrowsAsync<RpcException>(() =>
            Gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, Bearer.Options(garbage), Payload).ResponseAsync);

        Assert.Contains(Gateway.Logs.Entries, e => e.Category == AuthenticationFailureLog.Category
            && e.Message.StartsWith("GW-1: bearer token refused (malformed) for claimed subject (unknown) from 127.0.0.1", StringComparison.Ordinal));
        Assert.DoesNotContain(Gateway.Logs.Entries, e => e.Message.Contains(garbage, StringComparison.Ordinal));
    }

    // A raw gRPC request over HTTP/2: the headers a gRPC client sends, and the given body.
    private HttpRequestMessage GrpcRequest(byte[] body, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Gateway.Address, "/clspd.registry.v1.Probe/Echo"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.Add("te", "trailers");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private string InvalidToken(string kind, string subject = "alice")
    {
        var now = DateTimeOffset.UtcNow;
        switch (kind)
        {
            case "garbage":
                return "not-a-jwt";
            case "expired":
                using (var issuer = LocalIssuer.Load(fixture.Issuer.PrivateKeyFile))
                {
                    return issuer.Mint(subject, TimeSpan.FromMinutes(5), now.AddMinutes(-10));
                }

            case "wrong-issuer":
                using (var issuer = LocalIssuer.Load(fixture.Issuer.PrivateKeyFile, issuer: "someone-else"))
                {
                    return issuer.Mint(subject, TimeSpan.FromMinutes(5));
                }

            case "wrong-audience":
                using (var issuer = LocalIssuer.Load(fixture.Issuer.PrivateKeyFile, audience: "another-app"))
                {
                    return issuer.Mint(subject, TimeSpan.FromMinutes(5));
                }

            case "foreign-key":
                using (var other = new TestIssuer())
                {
                    return other.Token(subject);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
