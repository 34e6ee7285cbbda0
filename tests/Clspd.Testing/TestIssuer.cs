using Clspd.ServiceDefaults.Auth;
using Grpc.Core;

namespace Clspd.Testing;

/// <summary>A local token issuer in a temporary directory: real ECDSA keys, real JWTs.</summary>
public sealed class TestIssuer : IDisposable
{
    private readonly LocalIssuer _issuer;

    public TestIssuer()
    {
        Directory = Path.Combine(Path.GetTempPath(), "clspd-tests", Guid.NewGuid().ToString("N"));
        _issuer = LocalIssuer.EnsureCreated(Directory);
    }

    /// <summary>The temporary directory (also usable as a data directory).</summary>
    public string Directory { get; }

    public string PublicKeyFile => Path.Combine(Directory, LocalIssuer.PublicKeyFileName);

    public string PrivateKeyFile => Path.Combine(Directory, LocalIssuer.PrivateKeyFileName);

    public string Token(string subject, TimeSpan? lifetime = null) => _issuer.Mint(subject, lifetime ?? TimeSpan.FromHours(1));

    /// <summary>Call options carrying a bearer token for a subject.</summary>
    public CallOptions As(string subject) => new(new Metadata { { "authorization", "Bearer " + Token(subject) } });

    public void Dispose()
    {
        _issuer.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file; the OS cleans the temp directory.
        }
    }
}
