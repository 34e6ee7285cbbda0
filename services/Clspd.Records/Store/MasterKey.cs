using System.Security.Cryptography;
using Clspd.ServiceDefaults.Data;
using Microsoft.Extensions.Options;

namespace Clspd.Records.Store;

/// <summary>The master key sealing per-person data keys, loaded from (or created in) its file.</summary>
public sealed class MasterKey
{
    private readonly Lazy<(string Id, byte[] Key)> _key;

    public MasterKey(IOptions<RecordsOptions> options, IOptions<DatabaseOptions> database)
    {
        var path = options.Value.MasterKeyFile;
        if (string.IsNullOrWhiteSpace(path))
        {
            path = Path.Combine(database.Value.DataDirectory, "records-master.key");
        }

        var create = options.Value.CreateMasterKeyIfMissing;
        _key = new Lazy<(string, byte[])>(() => Load(Path.GetFullPath(path), create));
    }

    public string Id => _key.Value.Id;

    public byte[] Key => _key.Value.Key;

    private static (string, byte[]) Load(string path, bool create)
    {
        if (!File.Exists(path))
        {
            if (!create)
            {
                throw new InvalidOperationException($"the records master key file {path} does not exist (Records:MasterKeyFile)");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp";
            File.WriteAllText(temp, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temp, path, overwrite: false);
        }

        var key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        if (key.Length != 32)
        {
            throw new InvalidOperationException($"the records master key in {path} must be 32 bytes (base64)");
        }

        return (Convert.ToHexStringLower(SHA256.HashData(key))[..16], key);
    }
}
