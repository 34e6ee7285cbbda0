using Clspd.Gateway.Tests.Infrastructure;
using Clspd.ServiceDefaults;
using Clspd.Testing;
using Grpc.Core;
using Grpc.Health.V1;

namespace Clspd.Gateway.Tests;

/// <summary>
/// The gateway forwarding to https:// backends: over TLS, the backend's certificate checked against
/// <c>Tls:CaFile</c> only, the gateway's own certificate presented (mutual TLS). Real Kestrel on
/// loopback on both sides, with certificates of a CA made by the test.
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

    public void Dispose()
    {
        _ca.Dispose();
        _issuer.Dispose();
    }

    private Task<TestGateway> StartGatewayAsync(TestBackend backend)
    {
        var tls = Tls(_ca, "gateway");
        return TestGateway.StartAsync(_issuer, new Dictionary<string, string?>
        {
            ["Gateway:Backends:registry"] = backend.Address.ToString(),
            ["Tls:CertificateFile"] = tls.CertificateFile,
            ["Tls:KeyFile"] = tls.KeyFile,
            ["Tls:CaFile"] = tls.CaFile,
        });
    }

    private static TlsOptions Tls(TestCertificates ca, string name)
    {
        var (certificate, key) = ca.Issue(name);
        return new TlsOptions { CertificateFile = certificate, KeyFile = key, CaFile = ca.CaFile };
    }
}
