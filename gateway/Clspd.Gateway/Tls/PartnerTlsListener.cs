using Clspd.ServiceDefaults;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Clspd.Gateway.Tls;

/// <summary>
/// A listener for partners over TLS (<c>Gateway:TlsListen</c>, an <c>https://</c> address; none unless set), beside the
/// main one: gRPC and JSON on HTTP/2, JSON on HTTP/1.1 too, chosen by ALPN. It serves the gateway's own certificate
/// (<c>Tls:CertificateFile</c>); a partner presents no client certificate (partners authenticate with their token) unless
/// it wants to, and one that does must chain to <c>Tls:CaFile</c>. The same pipeline as every listener: token (GW-1),
/// rate and size limits (GW-2), routes. The local stack serves it beside its cleartext loopback address.
/// </summary>
public static class PartnerTlsListener
{
    public const string Setting = "Gateway:TlsListen";

    /// <summary>Adds the listener when <c>Gateway:TlsListen</c> is set; refuses at start-up, with a sentence, an address that is not https:// or TLS without its files.</summary>
    public static WebApplicationBuilder UsePartnerTlsListener(this WebApplicationBuilder builder)
    {
        var listen = builder.Configuration[Setting];
        if (string.IsNullOrWhiteSpace(listen))
        {
            return builder;
        }

        if (!Uri.TryCreate(listen, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new InvalidOperationException($"{Setting} is '{listen}': an absolute https:// address is required (the cleartext listener is Service:Listen)");
        }

        var tls = builder.Configuration.GetSection(TlsOptions.Section).Get<TlsOptions>() ?? new TlsOptions();
        if (!tls.Configured)
        {
            throw new InvalidOperationException($"{Setting} is {listen}: TLS needs Tls:CertificateFile, Tls:KeyFile and Tls:CaFile (PEM files)");
        }

        // The certificate and the client-certificate rule are Kestrel's HTTPS defaults, set by UseClspdKestrel.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(uri, o =>
        {
            o.Protocols = HttpProtocols.Http1AndHttp2;
            o.UseHttps();
        }));
        return builder;
    }
}
