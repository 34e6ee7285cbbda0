using System.Net.Security;
using Clspd.ServiceDefaults;
using Clspd.Web.Hosting;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace Clspd.Web.Gateway;

/// <summary>
/// The channel to the gateway (h2c on loopback, else TLS with the gateway's certificate checked
/// against <c>Web:Tls:CaFile</c> when set, the machine's store otherwise), and the one to the gateway that routes
/// consent (<c>Web:ConsentGateway</c>), the same one unless that is set.
/// </summary>
public sealed class GatewayChannel : IDisposable
{
    public GatewayChannel(IOptions<WebOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var web = options.Value;
        Channel = Open(web, web.Gateway);
        ConsentChannel = string.IsNullOrWhiteSpace(web.ConsentGateway) ? Channel : Open(web, web.ConsentGateway);
    }

    public GrpcChannel Channel { get; }

    /// <summary>The channel consent's calls take: <see cref="Channel"/> unless <c>Web:ConsentGateway</c> is set.</summary>
    public GrpcChannel ConsentChannel { get; }

    /// <summary>Whether consent is reached through a gateway of its own.</summary>
    public bool SeparateConsent => !ReferenceEquals(Channel, ConsentChannel);

    public void Dispose()
    {
        Channel.Dispose();
        if (SeparateConsent)
        {
            ConsentChannel.Dispose();
        }
    }

    private static GrpcChannel Open(WebOptions web, string address)
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2) };
        if (!string.IsNullOrWhiteSpace(web.Tls.CaFile))
        {
            var authorities = TlsFiles.Authorities(web.Tls);
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = web.Tls.Configured ? [TlsFiles.Certificate(web.Tls)] : null,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    certificate is System.Security.Cryptography.X509Certificates.X509Certificate2 server &&
                    (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None &&
                    TlsFiles.ChainsTo(server, authorities),
            };
        }

        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}
