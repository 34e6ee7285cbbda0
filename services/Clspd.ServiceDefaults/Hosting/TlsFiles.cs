using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Clspd.ServiceDefaults;

/// <summary>
/// Reads the PEM files of <see cref="TlsOptions"/> and checks peers' certificates against the
/// configured CA bundle only (not the machine's store): a private CA per deployment.
/// </summary>
public static class TlsFiles
{
    /// <summary>The process's certificate with its private key.</summary>
    public static X509Certificate2 Certificate(TlsOptions tls)
    {
        using var pem = X509Certificate2.CreateFromPemFile(tls.CertificateFile!, tls.KeyFile);
        // A PKCS#12 round trip gives a key that SslStream can use on every platform.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The trusted certificate authorities.</summary>
    public static X509Certificate2Collection Authorities(TlsOptions tls)
    {
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(tls.CaFile!);
        return bundle;
    }

    /// <summary>Whether <paramref name="certificate"/> chains to one of <paramref name="authorities"/>.</summary>
    public static bool ChainsTo(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    /// <summary>TLS client settings of a call to a peer: its server certificate checked against the CA bundle, ours presented.</summary>
    public static SslClientAuthenticationOptions ClientOptions(TlsOptions tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        var options = ServerCheckOptions(tls.CaFile!);
        options.ClientCertificates = [Certificate(tls)];
        return options;
    }

    /// <summary>TLS client settings that check the server's certificate against the CA bundle <paramref name="caFile"/>, presenting none (a partner calling the gateway).</summary>
    public static SslClientAuthenticationOptions ServerCheckOptions(string caFile)
    {
        var authorities = Authorities(new TlsOptions { CaFile = caFile });
        return new SslClientAuthenticationOptions
        {
            // Name checks stay on: only chain errors are judged here, against our CA rather than the machine's.
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is X509Certificate2 server &&
                (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None &&
                ChainsTo(server, authorities),
        };
    }

    /// <summary>Whether an address is a loopback one (127.0.0.0/8, ::1, localhost and *.localhost, RFC 6761).</summary>
    public static bool IsLoopback(Uri address) =>
        address.IsLoopback || address.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>Why a bearer token must not be sent to <paramref name="address"/>, or null.</summary>
    public static string? CleartextProblem(string setting, Uri address) =>
        address.Scheme == Uri.UriSchemeHttp && !IsLoopback(address)
            ? $"{setting} is {address}: a bearer token is never sent in cleartext off loopback; use an https:// address (TLS, with Tls:CaFile to verify it)"
            : null;
}
