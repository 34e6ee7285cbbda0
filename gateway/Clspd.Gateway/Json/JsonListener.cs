using Clspd.Hosting;
using Clspd.ServiceDefaults;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Clspd.Gateway.Json;

/// <summary>
/// The gateway's second listener, for partners calling the JSON paths (<c>/v1/...</c>) with a plain HTTP client.
/// The main listener speaks HTTP/2 only: on cleartext, Kestrel cannot offer HTTP/1.1 and h2c with prior knowledge
/// on one port, so JSON over HTTP/1.1 gets this port (<c>Gateway:JsonListen</c>, by default
/// <see cref="DefaultPorts.GatewayJsonAddress"/>). On <c>https://</c> it speaks HTTP/1.1 and HTTP/2, chosen by
/// ALPN. JSON over HTTP/2 is also served on the main listener. Every listener goes through the same pipeline:
/// token (GW-1), rate and size limits (GW-2), routes.
/// </summary>
public static class JsonListener
{
    public const string Setting = "Gateway:JsonListen";

    /// <summary>
    /// Adds the JSON listener, unless <c>Gateway:JsonListen</c> is set empty (no JSON listener), or the listeners are
    /// declared elsewhere — <c>Kestrel:Endpoints</c>, or ASP.NET Core's usual addresses without <c>Service:Listen</c>:
    /// there, one more listener would replace them, so the JSON endpoint is declared with them
    /// (docs/deployment.md, "JSON for partners without gRPC").
    /// </summary>
    public static WebApplicationBuilder UseJsonListener(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var setting = configuration.GetSection(Setting);
        if ((setting.Exists() && string.IsNullOrWhiteSpace(setting.Value)) || ListenersDeclaredElsewhere(configuration))
        {
            return builder;
        }

        var listen = setting.Value ?? DefaultPorts.GatewayJsonAddress;
        if (!Uri.TryCreate(listen, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidOperationException($"{Setting} is '{listen}': an absolute http:// (loopback) or https:// address is required");
        }

        var tls = configuration.GetSection(TlsOptions.Section).Get<TlsOptions>() ?? new TlsOptions();
        if (uri.Scheme == Uri.UriSchemeHttps && !tls.Configured)
        {
            throw new InvalidOperationException($"{Setting} is {listen}: TLS needs Tls:CertificateFile, Tls:KeyFile and Tls:CaFile (PEM files)");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !TlsFiles.IsLoopback(uri))
        {
            throw new InvalidOperationException($"{Setting} is {listen}: cleartext is only for loopback (partners' tokens would cross the network); listen on https://");
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            void Json(ListenOptions o)
            {
                // Cleartext: HTTP/1.1 only (Kestrel offers no h2c upgrade). TLS: HTTP/1.1 or HTTP/2, chosen by ALPN.
                o.Protocols = HttpProtocols.Http1;
                if (uri.Scheme == Uri.UriSchemeHttps)
                {
                    o.Protocols = HttpProtocols.Http1AndHttp2;
                    o.UseHttps();
                }
            }

            kestrel.Listen(uri, Json);
        });
        return builder;
    }

    private static bool ListenersDeclaredElsewhere(ConfigurationManager configuration) =>
        configuration.GetSection("Kestrel:Endpoints").Exists()
        || (string.IsNullOrWhiteSpace(configuration[$"{ServiceOptions.Section}:Listen"])
            && new[] { WebHostDefaults.ServerUrlsKey, WebHostDefaults.HttpPortsKey, WebHostDefaults.HttpsPortsKey }.Any(key => !string.IsNullOrWhiteSpace(configuration[key])));
}
