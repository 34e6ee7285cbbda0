using System.Security.Cryptography.X509Certificates;
using Clspd.Consent.V1;
using Clspd.Testing;
using Grpc.Net.Client;
using Grpc.Net.ClientFactory;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Clspd.Consent.Tests.Api;

/// <summary>
/// A department's consent serving two communes: commune A (organisation <c>commune-a</c>, council
/// <c>council-a</c>) and commune B (<c>commune-b</c>, <c>council-b</c>), each with its fake registry.
/// Services call with a client certificate of their organisation (mutual TLS); the people's issuer
/// is bound to council A. Recorder <c>worker</c>, notice editor <c>dpo</c>, bootstrap admin <c>admin</c>.
/// </summary>
public sealed class CommunesHost : IAsyncLifetime
{
    private readonly List<X509Certificate2> _certificates = [];
    private readonly List<GrpcChannel> _channels = [];

    public TestIssuer Issuer { get; } = new();

    public TestCertificates Certificates { get; } = new();

    public FakeRegistries Registries { get; } = new();

    public ServiceHost<Program> Host { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var (certificate, key) = Certificates.Issue("consent", "department");
        Host = new ServiceHost<Program>(Issuer, new Dictionary<string, string?>
        {
            ["Auth:Issuers:local:Issuer"] = "clspd-local",
            ["Auth:Issuers:local:KeyFile"] = Issuer.PublicKeyFile,
            ["Auth:Issuers:local:IssuesServiceIdentities"] = "true",
            ["Auth:Issuers:local:IssuesAdministrators"] = "true",
            ["Auth:Issuers:local:Organisation"] = "commune-a",
            ["Auth:Issuers:local:Councils:0"] = "council-a",
            ["Tls:CertificateFile"] = certificate,
            ["Tls:KeyFile"] = key,
            ["Tls:CaFile"] = Certificates.CaFile,
            ["Consent:NoticeEditors:0"] = "dpo",
            ["Consent:Recorders:0"] = "worker",
            ["Consent:Communes:a:Organisation"] = "commune-a",
            ["Consent:Communes:a:Councils:0"] = "council-a",
            ["Consent:Communes:a:Registry"] = "http://127.0.0.1:9",
            ["Consent:Communes:b:Organisation"] = "commune-b",
            ["Consent:Communes:b:Councils:0"] = "council-b",
            ["Consent:Communes:b:Registry"] = "http://127.0.0.1:10",
        })
        {
            ConfigureTestServices = services => services.AddSingleton<GrpcClientFactory>(Registries),
        };
        await Host.WaitReadyAsync();
    }

    /// <summary>A channel presenting the client certificate of a service of an organisation (as mutual TLS does).</summary>
    public GrpcChannel ChannelOf(string service, string organisation)
    {
        var (certificateFile, keyFile) = Certificates.Issue(service, organisation);
        var certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        _certificates.Add(certificate);
        var handler = Host.Server.CreateHandler(context =>
        {
            context.Request.Scheme = "https";
            context.Connection.ClientCertificate = certificate;
        });
        var channel = GrpcChannel.ForAddress(Host.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = handler });
        _channels.Add(channel);
        return channel;
    }

    public ConsentService.ConsentServiceClient ConsentOf(string service, string organisation) => new(ChannelOf(service, organisation));

    public SubjectService.SubjectServiceClient SubjectsOf(string service, string organisation) => new(ChannelOf(service, organisation));

    public async ValueTask DisposeAsync()
    {
        _channels.ForEach(c => c.Dispose());
        _certificates.ForEach(c => c.Dispose());
        await Host.DisposeAsync();
        Certificates.Dispose();
        Issuer.Dispose();
    }
}
