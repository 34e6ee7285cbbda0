using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Files;

namespace Clspd.Local;

/// <summary>
/// The local stack's development certificate authority and one certificate per piece, in the data
/// directory's <c>tls/</c> folder as PEM files, owner-only: <c>ca.pem</c> (what every piece trusts),
/// <c>ca.key.pem</c>, and <c>{name}.pem</c> / <c>{name}.key.pem</c> for each service, the gateway and
/// <see cref="Operator"/> (the client certificate of tools calling a service port directly).
/// Subject <c>CN={name}, O=</c><see cref="Organisation"/>; SAN 127.0.0.1, localhost and <c>{name}.localhost</c>;
/// ECDSA P-256, valid <see cref="Validity"/>. Made on first start and reused after; a certificate
/// missing, unreadable, not signed by the CA or within <see cref="RenewBefore"/> of its end is made
/// again (and every certificate when the CA itself is).
/// </summary>
public sealed class DevelopmentCertificates
{
    /// <summary>The folder of the data directory holding the files.</summary>
    public const string DirectoryName = "tls";

    /// <summary>The organisation (subject O) of every certificate of the local stack.</summary>
    public const string Organisation = "clspd-local";

    /// <summary>The client certificate for people and tools calling a service port directly (grpcurl, tests).</summary>
    public const string Operator = "operator";

    public static readonly TimeSpan Validity = TimeSpan.FromDays(365);

    /// <summary>A certificate with less than this left is replaced at the next start.</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromDays(7);

    // Allowance for a clock a little behind the one that issued the certificate.
    private static readonly TimeSpan Backdate = TimeSpan.FromHours(1);

    private readonly string _organisation;
    private readonly IPAddress _address;

    private DevelopmentCertificates(string directory, string organisation, IPAddress address)
    {
        Directory = directory;
        _organisation = organisation;
        _address = address;
    }

    /// <summary>The absolute <c>tls/</c> folder.</summary>
    public string Directory { get; }

    /// <summary>The CA certificate (PEM) every piece trusts: <c>grpcurl -cacert</c>.</summary>
    public string CaFile => Path.Combine(Directory, "ca.pem");

    private string CaKeyFile => Path.Combine(Directory, "ca.key.pem");

    public string CertificateFile(string name) => Path.Combine(Directory, name + ".pem");

    public string KeyFile(string name) => Path.Combine(Directory, name + ".key.pem");

    /// <summary>The <c>Tls</c> settings of one piece (its certificate and key, the CA).</summary>
    public TlsOptions For(string name) => new() { CertificateFile = CertificateFile(name), KeyFile = KeyFile(name), CaFile = CaFile };

    /// <summary>
    /// The certificates of <paramref name="dataDirectory"/>, with the CA and a certificate for each of
    /// <paramref name="names"/> made (or made again) where needed, judged at <paramref name="clock"/>'s time.
    /// They name <paramref name="organisation"/> (subject O; default <see cref="Organisation"/>) and hold
    /// <paramref name="address"/> in their SAN besides 127.0.0.1 (an organisation of a federation test on 127.0.0.2).
    /// </summary>
    public static DevelopmentCertificates EnsureCreated(string dataDirectory, IEnumerable<string> names, TimeProvider clock,
        string organisation = Organisation, IPAddress? address = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentException.ThrowIfNullOrWhiteSpace(organisation);
        var certificates = new DevelopmentCertificates(Path.Combine(Path.GetFullPath(dataDirectory), DirectoryName), organisation, address ?? IPAddress.Loopback);
        OwnerOnly.CreateDirectory(certificates.Directory);
        var now = clock.GetUtcNow();
        var (ca, caKey, renewed) = certificates.EnsureAuthority(now);
        using (ca)
        using (caKey)
        {
            foreach (var name in names.Distinct(StringComparer.Ordinal))
            {
                if (renewed || !certificates.IsUsable(name, ca, now))
                {
                    certificates.Issue(name, ca, caKey, now);
                }
            }
        }

        return certificates;
    }

    private (X509Certificate2 Certificate, ECDsa Key, bool Renewed) EnsureAuthority(DateTimeOffset now)
    {
        if (TryLoad(CaFile) is { } existing)
        {
            if (IsCurrent(existing, now) && TryLoadKey(CaKeyFile) is { } existingKey)
            {
                return (existing, existingKey, false);
            }

            existing.Dispose();
        }

        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Clspd local development CA, O={_organisation}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var created = request.CreateSelfSigned(now - Backdate, now + Validity);
        OwnerOnly.WriteAllText(CaKeyFile, key.ExportPkcs8PrivateKeyPem());
        OwnerOnly.WriteAllText(CaFile, created.ExportCertificatePem());
        // Without its key, as when loaded from the file: the key is paired with it to sign.
        return (X509CertificateLoader.LoadCertificate(created.RawData), key, true);
    }

    private bool IsUsable(string name, X509Certificate2 ca, DateTimeOffset now)
    {
        using var certificate = TryLoad(CertificateFile(name));
        if (certificate is null || !IsCurrent(certificate, now) || TryLoadKey(KeyFile(name)) is not { } key)
        {
            return false;
        }

        using (key)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = now.UtcDateTime;
            chain.ChainPolicy.VerificationTimeIgnored = false;
            using var publicKey = certificate.GetECDsaPublicKey();
            return chain.Build(certificate) && publicKey is not null &&
                publicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo());
        }
    }

    private void Issue(string name, X509Certificate2 ca, ECDsa caKey, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O={_organisation}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        // Server and client authentication: each piece serves its peers and calls them (mutual TLS).
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        if (!_address.Equals(IPAddress.Loopback))
        {
            names.AddIpAddress(_address);
        }

        names.AddDnsName("localhost");
        names.AddDnsName(name + ".localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var notAfter = now + Validity < ca.NotAfter ? now + Validity : new DateTimeOffset(ca.NotAfter.ToUniversalTime());
        using var signer = ca.CopyWithPrivateKey(caKey);
        using var certificate = request.Create(signer, now - Backdate, notAfter, RandomNumberGenerator.GetBytes(16));
        OwnerOnly.WriteAllText(KeyFile(name), key.ExportPkcs8PrivateKeyPem());
        OwnerOnly.WriteAllText(CertificateFile(name), certificate.ExportCertificatePem());
    }

    private static bool IsCurrent(X509Certificate2 certificate, DateTimeOffset now) =>
        certificate.NotBefore.ToUniversalTime() <= now.UtcDateTime && now.UtcDateTime + RenewBefore < certificate.NotAfter.ToUniversalTime();

    private static X509Certificate2? TryLoad(string path)
    {
        try
        {
            return File.Exists(path) ? X509Certificate2.CreateFromPem(File.ReadAllText(path)) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static ECDsa? TryLoadKey(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            return key;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            key.Dispose();
            return null;
        }
    }
}
