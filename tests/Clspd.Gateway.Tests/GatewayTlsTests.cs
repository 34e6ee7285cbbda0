using Clspd.Gateway.Tests.Infrastructure;
using Clspd.Gateway.Tls;
using Clspd.ServiceDefaults;
using Clspd.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Clspd.Gateway.Tests;

/// <summary>
/// The gateway forwarding to https:// backends: over TLS, the backend's certificate checked against
/// <c>Tls:CaFile</c> only, the gateway's own certificate presented (mutual TLS). Real Kestrel on
/// loopback on both sides, with certificates of a CA made by the test. And partners calling the gateway over TLS
/// (<c>Gateway:TlsListen</c>), trusting that CA, with no client certificate.
/// </summary>
public sealed class GatewayTlsTests : IDisposable
{
    private static readonly byte[] Payload = [1, 2, 3];
    private readonly TestIssuer _issuer = new();
    private readonly TestCertificates _ca = new();

    [Fact]
    public async Task Forward_HttpsBackendOfTheCa_ReachesItPresentingTheGatewaysCertificate()
    {
        await using var backend = await TestBackend.StartAsync(tls: Tls(_ca, "registry"));
        await using var gateway = await StartGatewayAsync(backend);

        var reply = await gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, Bearer.Options(_issuer.Token("alice")), Payload).ResponseAsync;

        Assert.Equal(Payload, reply);
        Assert.Equal(1, backend.Calls);
        // The backend requires a client certificate of the CA: it saw the gateway's.
        Assert.Equal("CN=gateway, O=commune-a", backend.LastClientCertificate);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, await gateway.HealthAsync());
    }

    [Fact]
    public async Task Forward_HttpsBackendOfAnotherCa_RefusedUnavailableAndNothingSent()
    {
        using var otherCa = new TestCertificates("Another CA");
        await using var backend = await TestBackend.StartAsync(tls: Tls(otherCa, "registry"), requireClientCertificate: false);
        await using var gateway = await StartGatewayAsync(backend);

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            gateway.Invoker.AsyncUnaryCall(ProbeMethods.Echo("registry"), null, Bearer.Options(_issuer.Token("alice")), Payload).ResponseAsync);

        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.Equal("the registry service is unreachable", e.Status.Detail);
        Assert.Equal(0, backend.Calls);
        Assert.Equal(0, backend.HealthChecks);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, await gateway.HealthAsync());
    }

    [Fact]
    public async Task PartnerCall_OverTheTlsListenerWithoutClientCertificate_ReachesTheBackend()
    {
        await using var backend = await TestBackend.StartAsync(tls: Tls(_ca, "registry"));
        await using var gateway = await StartGatewayAsync(backend, tlsListen: true);
        using var channel = PartnerChannel(gateway.TlsAddress!);

        var reply = await channel.CreateCallInvoker().AsyncUnaryCall(ProbeMethods.Echo("registry"), null, Bearer.Options(_issuer.Token("alice")), Payload).ResponseAsync;

        Assert.Equal(Uri.UriSchemeHttps, gateway.TlsAddress!.Scheme);
        Assert.Equal(Payload, reply);
        Assert.Equal(1, backend.Calls);
        Assert.Equal("CN=gateway, O=commune-a", backend.LastClientCertificate);
    }

    [Fact]
    public async Task PartnerCall_OverTheTlsListenerWithoutToken_UnauthenticatedGW_1()
    {
        await using var backend = await TestBackend.StartAsync(tls: Tls(_ca, "registry"));
        await using var gateway = await StartGatewayAsync(backend, tlsListen: true);
        using var channel = PartnerChannel(gateway.TlsAddress!);

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            channel.CreateCallInvoker().AsyncUnaryCall(ProbeMethods.Echo("registry"), null, Bearer.None, Payload).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.StartsWith("GW-1:", e.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(0, backend.Calls);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5443", true, "an absolute https:// address is required")]
    [InlineData("https://127.0.0.1:5443", false, "TLS needs Tls:CertificateFile")]
    public void PartnerTlsListen_CleartextOrWithoutCertificate_RefusedAtStart(string listen, bool withTls, string problem)
    {
        var settings = new Dictionary<string, string?> { [PartnerTlsListener.Setting] = listen };
        if (withTls)
        {
            var tls = Tls(_ca, "gateway");
            settings["Tls:CertificateFile"] = tls.CertificateFile;
            settings["Tls:KeyFile"] = tls.KeyFile;
            settings["Tls:CaFile"] = tls.CaFile;
        }

        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);

        var ex = Assert.Throws<InvalidOperationException>(() => builder.UsePartnerTlsListener());

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _ca.Dispose();
        _issuer.Dispose();
    }

    private Task<TestGateway> StartGatewayAsync(TestBackend backend, bool tlsListen = false)
    {
        var tls = Tls(_ca, "gateway");
        return TestGateway.StartAsync(_issuer, new Dictionary<string, string?>
        {
            ["Gateway:Backends:registry"] = backend.Address.ToString(),
            ["Tls:CertificateFile"] = tls.CertificateFile,
            ["Tls:KeyFile"] = tls.KeyFile,
            ["Tls:CaFile"] = tls.CaFile,
            [PartnerTlsListener.Setting] = tlsListen ? "https://127.0.0.1:0" : null,
        });
    }

    // A partner: the gateway's certificate checked against the test CA (name checks kept), no certificate of its own.
    private GrpcChannel PartnerChannel(Uri address) =>
        GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { SslOptions = TlsFiles.ServerCheckOptions(_ca.CaFile) }, DisposeHttpClient = true,
        });

    private static TlsOptions Tls(TestCertificates ca, string name)
    {
        var (certificate, key) = ca.Issue(name);
        return new TlsOptions { CertificateFile = certificate, KeyFile = key, CaFile = ca.CaFile };
    }
}
