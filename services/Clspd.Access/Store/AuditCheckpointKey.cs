using System.Security.Cryptography;
using Clspd.Access.Domain;
using Microsoft.Extensions.Options;

namespace Clspd.Access.Store;

/// <summary>
/// The ECDSA P-256 key that signs the audit trail's checkpoints (ACC-4), read from
/// <c>Access:Audit:CheckpointKeyFile</c> at start (created owner-only there when the local stack
/// asks for it). It never enters the database.
/// </summary>
public sealed class AuditCheckpointKey : IDisposable
{
    private const string Setting = "Access:Audit:CheckpointKeyFile";

    private readonly ECDsa _key;

    // An ECDsa instance is not documented as safe for concurrent use; a signature takes well under a millisecond.
    private readonly Lock _use = new();

    public AuditCheckpointKey(IOptions<AccessOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var audit = options.Value.Audit;
        if (string.IsNullOrWhiteSpace(audit.CheckpointKeyFile))
        {
            throw new InvalidOperationException($"{Setting} is required: the PEM file of the ECDSA P-256 key that signs the audit trail's checkpoints");
        }

        var path = Path.GetFullPath(audit.CheckpointKeyFile);
        if (!File.Exists(path))
        {
            if (!audit.CreateCheckpointKeyIfMissing)
            {
                throw new InvalidOperationException($"the audit checkpoint key file {path} does not exist ({Setting})");
            }

            Create(path);
        }

        _key = Load(path);
        PublicKeyPem = _key.ExportSubjectPublicKeyInfoPem();
        KeyId = KeyIdOf(_key);
    }

    /// <summary>The first 16 hexadecimal characters of the SHA-256 of the public key (SubjectPublicKeyInfo, DER).</summary>
    public string KeyId { get; }

    /// <summary>The public key, PEM (SubjectPublicKeyInfo), given with every checkpoint.</summary>
    public string PublicKeyPem { get; }

    /// <summary>Signs the head of the trail.</summary>
    public SignedCheckpoint Sign(long sequence, string headHash, DateTimeOffset signedAt)
    {
        var content = SignedCheckpoint.Content(sequence, headHash, signedAt, KeyId);
        lock (_use)
        {
            return new(sequence, headHash, signedAt, KeyId, _key.SignData(content, HashAlgorithmName.SHA256));
        }
    }

    /// <summary>Whether this key signed the checkpoint, as it stands.</summary>
    public bool Verifies(SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!string.Equals(checkpoint.KeyId, KeyId, StringComparison.Ordinal))
        {
            return false;
        }

        var content = checkpoint.Content();
        lock (_use)
        {
            return _key.VerifyData(content, checkpoint.Signature, HashAlgorithmName.SHA256);
        }
    }

    public void Dispose() => _key.Dispose();

    private static ECDsa Load(string path)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            var curve = key.ExportParameters(false).Curve;
            if (key.KeySize != 256 || curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new InvalidOperationException($"the audit checkpoint key in {path} must be an ECDSA P-256 key ({Setting})");
            }

            // A public key alone cannot sign.
            key.ExportECPrivateKey();
            return key;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new InvalidOperationException($"the audit checkpoint key file {path} does not hold an ECDSA P-256 private key in PEM ({Setting})", ex);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var created = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var temp = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temp, System.Text.Encoding.ASCII, options))
        {
            writer.Write(created.ExportPkcs8PrivateKeyPem());
        }

        File.Move(temp, path, overwrite: false);
    }

    private static string KeyIdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];
}
