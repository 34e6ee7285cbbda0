using System.Net.Security;
using Clspd.ServiceDefaults;
using Clspd.Web.Hosting;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace Clspd.Web.Gateway;

/// <summary>
/// The one channel to the gateway (h2c on loopback, else TLS with the gateway's certificate checked
/// against <c>Web:Tls:CaFile</c> when set, the machine's store otherwise).
/// </summary>
public sealed class GatewayChannel : IDisposable
{
    public GatewayChannel(IOptions<WebOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var web = options.Value;
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

        Channel = GrpcChannel.ForAddress(web.Gateway, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    public GrpcChannel Channel { get; }

    public void Dispose() => Channel.Dispose();
}
