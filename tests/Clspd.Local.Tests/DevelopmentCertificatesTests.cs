using System.Net;
using System.Security.Cryptography.X509Certificates;
using Clspd.ServiceDefaults.Files;
using Microsoft.Extensions.Time.Testing;

namespace Clspd.Local.Tests;

/// <summary>The local stack's development CA and certificates, judged on a fake clock: made once, reused, replaced when expiring.</summary>
public sealed class DevelopmentCertificatesTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Names = ["registry", "gateway"];
    private readonly TempDirectory _data = new();
    private readonly FakeTimeProvider _clock = new(Start);

    [Fact]
    public void EnsureCreated_FirstStart_OneCertificatePerNameSignedByTheCa()
    {
        var certificates = DevelopmentCertificates.EnsureCreated(_data.Path, Names, _clock);

        using var ca = Load(certificates.CaFile);
        using var registry = X509Certificate2.CreateFromPemFile(certificates.CertificateFile("registry"), certificates.KeyFile("registry"));
        Assert.Equal(Path.Combine(_data.Path, "tls", "ca.pem"), certificates.CaFile);
        Assert.Equal("CN=registry, O=clspd-local", registry.Subject);
        Assert.Equal(ca.Subject, registry.Issuer);
        Assert.True(registry.HasPrivateKey);
        Assert.Equal((Start + DevelopmentCertificates.Validity).UtcDateTime, registry.NotAfter.ToUniversalTime());
        Assert.True(ChainsAt(registry, ca, Start), "the registry's certificate does not chain to the development CA");
        var names = Assert.Single(registry.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal([IPAddress.Loopback], names.EnumerateIPAddresses());
        Assert.Equal(["localhost", "registry.localhost"], names.EnumerateDnsNames());
        // Served and presented to peers: server and client authentication.
        var usages = Assert.Single(registry.Extensions.OfType<X509EnhancedKeyUsageExtension>()).EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.Value);
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], usages);
        Assert.True(File.Exists(certificates.CertificateFile("gateway")));
        Assert.False(File.Exists(certificates.CertificateFile("consent")));
    }

    [Fact]
    public void EnsureCreated_OrganisationOnAnotherLoopbackAddress_NamedAndReachableThere()
    {
        var address = IPAddress.Parse("127.0.0.2");

        var certificates = DevelopmentCertificates.EnsureCreated(_data.Path, Names, _clock, "commune-a", address);

        using var ca = Load(certificates.CaFile);
        using var registry = Load(certificates.CertificateFile("registry"));
        Assert.Equal("CN=Clspd local development CA, O=commune-a", ca.Subject);
        Assert.Equal("CN=registry, O=commune-a", registry.Subject);
        var names = Assert.Single(registry.Extensions.OfType<X509SubjectAlternativeNameExtension>());
        Assert.Equal([IPAddress.Loopback, address], names.EnumerateIPAddresses());
    }

    [Fact]
    public void EnsureCreated_LaterStart_ReusesEveryFile()
    {
        DevelopmentCertificates.EnsureCreated(_data.Path, Names, _clock);
        var before = Contents();
        _clock.Advance(TimeSpan.FromDays(200));

        DevelopmentCertificates.EnsureCreated(_data.Path, Names, _clock);

        Assert.Equal(before, Contents());
    }

    [Fact]
    public void EnsureCreated_Expired_CaAndCertificatesReplaced()
    {
        var first = DevelopmentCertificates.EnsureCreated(_data.Path, Names, _clock);
        var before = Contents();
        _clock.Advance(DevelopmentCertificates.Validity + TimeSpan.FromDays(1));

        var second = DevelopmentCertificates.EnsureCreated(_data.Path, Names, _clock);

        var after = Contents();
        Assert.All(before.Keys, file => Assert.NotEqual(before[file], after[file]));
        using var ca = Load(second.CaFile);
        using var gateway = Load(second.CertificateFile("gateway"));
        Assert.Equal((_clock.GetUtcNow() + DevelopmentCertificates.Validity).UtcDateTime, gateway.NotAfter.ToUniversalTime());
        Assert.True(ChainsAt(gateway, ca, _clock.GetUtcNow()));
        Assert.Equal(first.CaFile, second.CaFile);
    }

    [Fact]
    public void EnsureCreated_CertificateWithinRenewalWindow_Replaced()
    {
        var certificates = DevelopmentCertificates.EnsureCreated(_data.Path, ["registry"], _clock);
        var before = File.ReadAllText(certificates.CertificateFile("registry"));
        _clock.Advance(DevelopmentCertificates.Validity - DevelopmentCertificates.RenewBefore + TimeSpan.FromHours(1));

        DevelopmentCertificates.EnsureCreated(_data.Path, ["registry"], _clock);

        Assert.NotEqual(before, File.ReadAllText(certificates.CertificateFile("registry")));
    }

    [Fact]
    public void EnsureCreated_OneCertificateMissing_OnlyThatOneMade()
    {
        var certificates = DevelopmentCertificates.EnsureCreated(_data.Path, Names, _clock);
        File.Delete(certificates.CertificateFile("registry"));
        var before = Contents();

        DevelopmentCertificates.EnsureCreated(_data.Path, Names, _clock);

        var after = Contents();
        var registryKey = certificates.KeyFile("registry");
        Assert.Equal(before.Keys.Append(certificates.CertificateFile("registry")).Order(), after.Keys.Order());
        Assert.All(before.Keys.Where(f => f != registryKey), f => Assert.Equal(before[f], after[f]));
        Assert.NotEqual(before[registryKey], after[registryKey]);
        using var ca = Load(certificates.CaFile);
        using var registry = X509Certificate2.CreateFromPemFile(certificates.CertificateFile("registry"), certificates.KeyFile("registry"));
        Assert.True(ChainsAt(registry, ca, Start));
    }

    [Fact]
    public void EnsureCreated_CertificateOfAnotherCa_Replaced()
    {
        var certificates = DevelopmentCertificates.EnsureCreated(_data.Path, ["registry"], _clock);
        using var elsewhere = new TempDirectory();
        var other = DevelopmentCertificates.EnsureCreated(elsewhere.Path, ["registry"], _clock);
        File.Copy(other.CertificateFile("registry"), certificates.CertificateFile("registry"), overwrite: true);
        File.Copy(other.KeyFile("registry"), certificates.KeyFile("registry"), overwrite: true);

        DevelopmentCertificates.EnsureCreated(_data.Path, ["registry"], _clock);

        using var ca = Load(certificates.CaFile);
        using var registry = Load(certificates.CertificateFile("registry"));
        Assert.True(ChainsAt(registry, ca, Start));
    }

    [Fact]
    public void EnsureCreated_Files_OwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes");
            return;
        }

        var certificates = DevelopmentCertificates.EnsureCreated(_data.Path, Names, _clock);

        Assert.Equal(OwnerOnly.DirectoryMode, File.GetUnixFileMode(certificates.Directory));
        var files = Directory.GetFiles(certificates.Directory);
        Assert.Equal(6, files.Length);
        foreach (var file in files)
        {
            Assert.Equal(OwnerOnly.FileMode, File.GetUnixFileMode(file));
        }
    }

    public void Dispose() => _data.Dispose();

    private Dictionary<string, string> Contents() =>
        Directory.GetFiles(Path.Combine(_data.Path, DevelopmentCertificates.DirectoryName)).ToDictionary(f => f, File.ReadAllText);

    // The certificate alone (CreateFromPemFile without a key file would look for the key in the same file).
    private static X509Certificate2 Load(string path) => X509Certificate2.CreateFromPem(File.ReadAllText(path));

    private static bool ChainsAt(X509Certificate2 certificate, X509Certificate2 ca, DateTimeOffset when)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = when.UtcDateTime;
        return chain.Build(certificate);
    }
}
