using Clspd.ServiceDefaults;

namespace Clspd.Web.Hosting;

/// <summary>What the console refuses to start with, each as a sentence naming the setting.</summary>
public static class WebOptionsCheck
{
    /// <summary>The problems of <paramref name="options"/>; empty when the console may start.</summary>
    public static IReadOnlyList<string> Problems(WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Authority))
        {
            problems.Add("Web:Authority is not set: the console needs the OpenID Connect issuer people sign in with.");
        }
        else if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("http" or "https"))
        {
            problems.Add($"Web:Authority is '{options.Authority}': it must be an https:// address.");
        }
        else if (authority.Scheme == Uri.UriSchemeHttp && !TlsFiles.IsLoopback(authority))
        {
            problems.Add($"Web:Authority is {authority}: sign-in off loopback goes over https only; use an https:// address.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            problems.Add("Web:ClientId is not set: the console's client id at the authority.");
        }

        if (!Uri.TryCreate(options.Listen, UriKind.Absolute, out var listen) || listen.Scheme is not ("http" or "https"))
        {
            problems.Add($"Web:Listen is '{options.Listen}': it must be an http:// or https:// address.");
        }
        else if (listen.Scheme == Uri.UriSchemeHttp && !TlsFiles.IsLoopback(listen) && listen.Host != "localhost")
        {
            problems.Add($"Web:Listen is {listen}: cleartext http is only for loopback; listen on https:// with Web:Tls:CertificateFile and Web:Tls:KeyFile.");
        }
        else if (listen.Scheme == Uri.UriSchemeHttps && (string.IsNullOrWhiteSpace(options.Tls.CertificateFile) || string.IsNullOrWhiteSpace(options.Tls.KeyFile)))
        {
            problems.Add($"Web:Listen is {listen}: https needs Web:Tls:CertificateFile and Web:Tls:KeyFile (PEM files).");
        }

        if (!Uri.TryCreate(options.Gateway, UriKind.Absolute, out var gateway) || gateway.Scheme is not ("http" or "https"))
        {
            problems.Add($"Web:Gateway is '{options.Gateway}': it must be an http:// or https:// address.");
        }
        else if (TlsFiles.CleartextProblem("Web:Gateway", gateway) is { } cleartext)
        {
            problems.Add(cleartext + ".");
        }

        if (!string.IsNullOrWhiteSpace(options.ConsentGateway))
        {
            if (!Uri.TryCreate(options.ConsentGateway, UriKind.Absolute, out var consent) || consent.Scheme is not ("http" or "https"))
            {
                problems.Add($"Web:ConsentGateway is '{options.ConsentGateway}': it must be an http:// or https:// address.");
            }
            else if (TlsFiles.CleartextProblem("Web:ConsentGateway", consent) is { } cleartext)
            {
                problems.Add(cleartext + ".");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.ManagementListen)
            && (!Uri.TryCreate(options.ManagementListen, UriKind.Absolute, out var management) || management.Scheme != Uri.UriSchemeHttp
                || management.IsDefaultPort || management.AbsolutePath != "/"))
        {
            problems.Add($"Web:ManagementListen is '{options.ManagementListen}': give an http:// address with a port and no path, e.g. http://0.0.0.0:8081 (HTTP/1.1, health only).");
        }

        return problems;
    }
}
