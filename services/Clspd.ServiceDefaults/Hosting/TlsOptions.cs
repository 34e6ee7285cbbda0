namespace Clspd.ServiceDefaults;

/// <summary>
/// The <c>Tls</c> configuration section: this process's certificate (served on an <c>https://</c>
/// listener and presented to its peers as a client certificate, mutual TLS) and the CA bundle that
/// peers' certificates must chain to.
/// </summary>
public sealed class TlsOptions
{
    public const string Section = "Tls";

    /// <summary>PEM certificate of this process (subject CN = service name, O = organisation).</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM private key of <see cref="CertificateFile"/> (owner-only file).</summary>
    public string? KeyFile { get; set; }

    /// <summary>PEM bundle of the certificate authorities trusted for peers, servers and clients alike.</summary>
    public string? CaFile { get; set; }

    /// <summary>Whether a certificate and a CA are configured.</summary>
    public bool Configured => !string.IsNullOrWhiteSpace(CertificateFile) && !string.IsNullOrWhiteSpace(KeyFile) && !string.IsNullOrWhiteSpace(CaFile);
}
