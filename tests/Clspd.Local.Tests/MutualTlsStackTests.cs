using System.Security.Cryptography.X509Certificates;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Files;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Clspd.Local.Tests;

/// <summary>
/// The stack's default mode: the services listen with TLS and call each other with mutual TLS, on
/// certificates of the development CA in the data directory; the gateway's main listener stays h2c on loopback,
/// and a second one serves partners over TLS with the gateway's certificate.
/// </summary>
[Collection(RegistryStackSharing.Name)]
public sealed class MutualTlsStackTests(RegistryStackFixture fixture)
{
    private LocalStack Stack => fixture.Run.Stack;

    [Fact]
    public void Start_ByDefault_ServicesOnHttpsAndTheGatewayOnH2c()
    {
        Assert.True(Stack.UsesTls);
        Assert.Equal($"https://127.0.0.1:{Stack.AddressOf("registry").Port}", Stack.EndpointOf("registry"));
        Assert.Equal($"http://127.0.0.1:{Stack.GatewayAddress.Port}", Stack.EndpointOf(StackCatalog.Gateway));
        Assert.Equal(Path.Combine(fixture.Run.DataDirectory, "tls", "ca.pem"), Stack.Certificates!.CaFile);
    }

    [Fact]
    public async Task Call_ThroughTheGatewayOverH2c_ServiceAnswersOverMutualTls()
    {
        using var gateway = GrpcChannel.ForAddress(Stack.GatewayAddress);

        var reply = await new Health.HealthClient(gateway).CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);

        // The gateway's health asks the registry itself, over mutual TLS.
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Call_DirectWithTheOperatorCertificate_ReachesTheService()
    {
        using var registry = Stack.CreateChannel("registry");

        var reply = await new Health.HealthClient(registry).CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task Call_DirectInCleartextToAServicePort_Refused()
    {
        using var cleartext = GrpcChannel.ForAddress($"http://127.0.0.1:{Stack.AddressOf("registry").Port}");

        var e = await Assert.ThrowsAsync<RpcException>(() => HealthAsync(cleartext));

        // The TLS listener closes the connection on a cleartext preface: the failure is the client's own
        // (it carries the transport exception), never an answer of the service. Depending on when the
        // close arrives, the client reports it as Unavailable or as an HTTP/2 protocol error (Internal).
        Assert.Contains(e.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        Assert.NotNull(e.Status.DebugException);
    }

    [Fact]
    public async Task Call_DirectOverTlsWithoutClientCertificate_Refused()
    {
        // The server's certificate is trusted (the development CA); only the client certificate is missing.
        var tls = Stack.Certificates!.For(DevelopmentCertificates.Operator);
        var authorities = TlsFiles.Authorities(tls);
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is X509Certificate2 server && TlsFiles.ChainsTo(server, authorities) },
        };
        using var withoutCertificate = GrpcChannel.ForAddress(Stack.AddressOf("registry"), new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });

        var e = await Assert.ThrowsAsync<RpcException>(() => HealthAsync(withoutCertificate));

        // With TLS 1.3 the client may finish its handshake before the server refuses the missing certificate:
        // the refusal then closes a connection the client already speaks HTTP/2 on, and it reports an HTTP/2
        // protocol error (Internal) instead of Unavailable. Either way the failure is the client's transport
        // (it carries the exception), never an answer of the service.
        Assert.Contains(e.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        Assert.NotNull(e.Status.DebugException);
    }

    [Fact]
    public void Start_Certificates_OwnerOnlyInTheDataDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes");
            return;
        }

        var certificates = Stack.Certificates!;

        var files = Directory.GetFiles(certificates.Directory).Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(
            ["access.key.pem", "access.pem", "ca.key.pem", "ca.pem", "consent.key.pem", "consent.pem", "gateway.key.pem", "gateway.pem",
             "operator.key.pem", "operator.pem", "records.key.pem", "records.pem", "registry.key.pem", "registry.pem"], files);
        Assert.Equal(OwnerOnly.DirectoryMode, File.GetUnixFileMode(certificates.Directory));
        foreach (var file in Directory.GetFiles(certificates.Directory))
        {
            Assert.Equal(OwnerOnly.FileMode, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public void Banner_TlsMode_NamesTheCaAndADirectGrpcurlLine()
    {
        var banner = Banner.For(Stack);
        var certificates = Stack.Certificates!;

        Assert.Contains($"  mode      TLS and mutual TLS between the services; development CA {certificates.CaFile}\n", banner, StringComparison.Ordinal);
        Assert.Contains($"  grpcurl -cacert '{certificates.CaFile}' -cert '{certificates.CertificateFile("operator")}' -key '{certificates.KeyFile("operator")}' \\\n", banner, StringComparison.Ordinal);
        Assert.Contains($" {Stack.AddressOf("registry").Authority} clspd.registry.v1.RegistryService/GetCouncil\n", banner, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_ThroughTheGatewaysTlsListenerTrustingTheCa_ServingWithoutClientCertificate()
    {
        using var partner = Stack.CreatePartnerChannel();

        var reply = await new Health.HealthClient(partner).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(30),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
        Assert.Equal(Uri.UriSchemeHttps, Stack.GatewayTlsAddress!.Scheme);
        Assert.NotEqual(Stack.GatewayAddress.Port, Stack.GatewayTlsAddress.Port);
    }

    [Fact]
    public async Task Call_ThroughTheGatewaysTlsListenerNotTrustingTheCa_Refused()
    {
        // The machine's trust store does not hold the development CA: a client checking only against it gives up.
        using var untrusting = GrpcChannel.ForAddress(Stack.GatewayTlsAddress!);

        var e = await Assert.ThrowsAsync<RpcException>(() => HealthAsync(untrusting));

        // The client's own failure (the handshake it refused), reported as Unavailable or Internal depending on the client's path.
        Assert.Contains(e.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
        var causes = new List<Exception>();
        for (var cause = e.Status.DebugException; cause is not null; cause = cause.InnerException)
        {
            causes.Add(cause);
        }

        Assert.Contains(causes, c => c is System.Security.Authentication.AuthenticationException);
    }

    [Fact]
    public void Banner_TlsMode_NamesTheGatewaysTlsAddressWithTheCaToTrust()
    {
        var banner = Banner.For(Stack);
        var certificates = Stack.Certificates!;
        var partners = $"https://127.0.0.1:{Stack.GatewayTlsAddress!.Port}";

        Assert.Contains($"  tls       {partners,-23} the gateway for partners over TLS (gRPC and JSON), trusting {certificates.CaFile}\n", banner, StringComparison.Ordinal);
        Assert.Contains($"  grpcurl -cacert '{certificates.CaFile}' -H \"authorization: Bearer $TOKEN\" -protoset '{StackCatalog.Protoset}' \\\n" +
            $"    -d '{{}}' 127.0.0.1:{Stack.GatewayTlsAddress!.Port} clspd.registry.v1.RegistryService/GetCouncil\n", banner, StringComparison.Ordinal);
    }

    private static async Task HealthAsync(GrpcChannel channel) =>
        await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: TestContext.Current.CancellationToken);
}
