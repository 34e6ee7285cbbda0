using System.Net;
using Clspd.ServiceDefaults.Auth;
using Clspd.Testing;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>
/// TLS and mutual TLS on real Kestrel on loopback, with a CA and certificates made by the test: a
/// service token counts only with the same service's client certificate (GW-1), and a client
/// without a certificate of the CA, or a server not signed by it, gets no connection.
/// </summary>
public sealed class MutualTlsTests : IAsyncLifetime
{
    private readonly TestIssuer _issuer = new();
    private readonly TestCertificates _ca = new();
    private readonly LogCapture _logs = new();
    private WebApplication _server = null!;
    private Uri _address = null!;
    private string? _lastClientCertificate;

    public async ValueTask InitializeAsync()
    {
        var (certificate, key) = _ca.Issue("registry");
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Auth:IssuerKeyFile"] = _issuer.PublicKeyFile;
        builder.Configuration["Tls:CertificateFile"] = certificate;
        builder.Configuration["Tls:KeyFile"] = key;
        builder.Configuration["Tls:CaFile"] = _ca.CaFile;
        builder.Logging.AddProvider(_logs);
        builder.UseClspdKestrel("https://127.0.0.1:0");
        builder.AddClspdAuthentication();
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks();
        _server = builder.Build();
        _server.Use((context, next) =>
        {
            _lastClientCertificate = context.Connection.ClientCertificate?.Subject;
            return next(context);
        });
        _server.UseClspdAuthentication();
        _server.UseAuthorization();
        _server.MapGrpcHealthChecksService().AllowAnonymous();
        _server.MapGet("/caller", (HttpContext context, CallerResolver callers) =>
        {
            var caller = callers.Resolve(context);
            return $"{caller.Subject}|{caller.Service ?? "nobody"}";
        });
        _server.MapGet("/organisation", (HttpContext context, CallerResolver callers) => callers.Resolve(context).Organisation ?? "none");
        await _server.StartAsync(TestContext.Current.CancellationToken);
        _address = new Uri(_server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
    }

    [Fact]
    public async Task Caller_ServiceTokenWithThatServicesCertificate_IsTheService_GW_1()
    {
        Assert.Equal("svc:records|records", await CallerAsync(Client(_ca, "records"), "svc:records"));
    }

    [Fact]
    public async Task Caller_ServiceTokenWithAnotherServicesCertificate_IsNobody_GW_1()
    {
        Assert.Equal("svc:records|nobody", await CallerAsync(Client(_ca, "access"), "svc:records"));
    }

    [Fact]
    public async Task Caller_ServiceOverMutualTls_OrganisationIsTheCertificates_ACC_1()
    {
        var (certificate, key) = _ca.Issue("records", "commune-b");
        using var client = Client(new TlsOptions { CertificateFile = certificate, KeyFile = key, CaFile = _ca.CaFile });

        Assert.Equal("commune-b", await CallerAsync(client, "svc:records", "/organisation"));
    }

    [Fact]
    public async Task Connect_WithoutClientCertificate_Refused()
    {
        using var client = Client(_ca, service: null);

        await Assert.ThrowsAsync<HttpRequestException>(() => CallerAsync(client, "alice"));
    }

    [Fact]
    public async Task Connect_ClientCertificateOfAnotherAuthority_Refused()
    {
        using var stranger = new TestCertificates("Another CA");
        var (certificate, key) = stranger.Issue("records");
        using var client = Client(new TlsOptions { CertificateFile = certificate, KeyFile = key, CaFile = _ca.CaFile });

        await Assert.ThrowsAsync<HttpRequestException>(() => CallerAsync(client, "svc:records"));
    }

    [Fact]
    public async Task Connect_ClientCertificateOfAnotherAuthority_WarningWithItsSubject_GW_1()
    {
        using var stranger = new TestCertificates("Another CA");
        var (certificate, key) = stranger.Issue("records");
        using var client = Client(new TlsOptions { CertificateFile = certificate, KeyFile = key, CaFile = _ca.CaFile });

        await Assert.ThrowsAsync<HttpRequestException>(() => CallerAsync(client, "svc:records"));

        var entry = Assert.Single(_logs.Entries, e => e.Category == AuthenticationFailureLog.Category);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.StartsWith("GW-1: client certificate refused (not issued by a trusted authority): subject CN=records", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ServerNotSignedByTheTrustedAuthority_Refused()
    {
        using var stranger = new TestCertificates("Another CA");
        var (certificate, key) = _ca.Issue("records");
        using var client = Client(new TlsOptions { CertificateFile = certificate, KeyFile = key, CaFile = stranger.CaFile });

        await Assert.ThrowsAsync<HttpRequestException>(() => CallerAsync(client, "svc:records"));
    }

    [Fact]
    public async Task AddClspdClient_HttpsPeer_CallsOverMutualTls()
    {
        var (certificate, key) = _ca.Issue("access");
        await using var provider = PeerClients(_address.ToString(), new TlsOptions { CertificateFile = certificate, KeyFile = key, CaFile = _ca.CaFile });

        await provider.GetRequiredService<Grpc.Health.V1.Health.HealthClient>().CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);

        // The server requires a client certificate of the CA: the call went through with the one configured.
        Assert.Equal("CN=access, O=commune-a", _lastClientCertificate);
    }

    [Theory]
    [InlineData("http://10.20.30.40:5081")]
    [InlineData("http://registry.commune-a.example:5081")]
    public void AddClspdClient_CleartextPeerOffLoopback_RefusedAtStartWithASentence(string address)
    {
        using var provider = PeerClients(address, new TlsOptions());

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptionsMonitor<PeerAddressOptions>>().Get("Peer"));

        Assert.Contains($"Services:Peer is {new Uri(address)}: a bearer token is never sent in cleartext off loopback; use an https:// address (TLS, with Tls:CaFile to verify it)", ex.Failures);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5081")]
    [InlineData("http://127.0.0.3:5081")]
    [InlineData("http://localhost:5081")]
    [InlineData("http://registry.localhost")]
    public void AddClspdClient_CleartextPeerOnLoopback_Accepted(string address)
    {
        using var provider = PeerClients(address, new TlsOptions());

        Assert.Equal(address, provider.GetRequiredService<IOptionsMonitor<PeerAddressOptions>>().Get("Peer").Address);
    }

    [Fact]
    public void UseClspdKestrel_CleartextListenerOffLoopback_RefusedWithASentence()
    {
        var builder = WebApplication.CreateBuilder();

        var ex = Assert.Throws<InvalidOperationException>(() => builder.UseClspdKestrel("http://0.0.0.0:5081"));

        Assert.Equal("Service:Listen is http://0.0.0.0:5081: cleartext (h2c) is only for loopback; listen on https:// with Tls:CertificateFile, Tls:KeyFile and Tls:CaFile", ex.Message);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _ca.Dispose();
        _issuer.Dispose();
    }

    private HttpClient Client(TestCertificates ca, string? service)
    {
        if (service is null)
        {
            return Client(new TlsOptions { CaFile = ca.CaFile });
        }

        var (certificate, key) = ca.Issue(service);
        return Client(new TlsOptions { CertificateFile = certificate, KeyFile = key, CaFile = ca.CaFile });
    }

    private HttpClient Client(TlsOptions tls)
    {
        var handler = new SocketsHttpHandler();
        if (tls.Configured)
        {
            handler.SslOptions = TlsFiles.ClientOptions(tls);
        }
        else
        {
            var authorities = TlsFiles.Authorities(tls);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is System.Security.Cryptography.X509Certificates.X509Certificate2 c && TlsFiles.ChainsTo(c, authorities);
        }

        return new HttpClient(handler)
        {
            BaseAddress = _address, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    private async Task<string> CallerAsync(HttpClient client, string subject, string path = "/caller")
    {
        using (client)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _issuer.Token(subject));
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        }
    }

    private ServiceProvider PeerClients(string address, TlsOptions tls)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Services:Peer"] = address, ["Tls:CertificateFile"] = tls.CertificateFile, ["Tls:KeyFile"] = tls.KeyFile, ["Tls:CaFile"] = tls.CaFile,
            ["Auth:IssuerKeyFile"] = _issuer.PublicKeyFile,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<TlsOptions>().BindConfiguration(TlsOptions.Section);
        services.AddOptions<ServiceAuthOptions>().BindConfiguration(ServiceAuthOptions.Section);
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddSingleton(new ServiceIdentity("access", typeof(MutualTlsTests).Assembly));
        services.AddSingleton<ServiceTokenProvider>();
        services.AddClspdClient<Grpc.Health.V1.Health.HealthClient>("Peer");
        return services.BuildServiceProvider();
    }
}
