using System.Security.Cryptography;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;
using Clspd.ServiceDefaults.Files;
using Microsoft.Extensions.Options;

namespace Clspd.Records.Store;

/// <summary>
/// The master keys sealing per-person data keys, each known by its id (the first 16 hex digits of its
/// SHA-256): the current one (<c>Records:MasterKeyFile</c>) seals every new data key; the previous ones
/// (<c>Records:PreviousMasterKeyFiles</c>) only open data keys still sealed under them, until a rotation
/// has re-sealed those under the current key.
/// </summary>
public sealed class MasterKey
{
    public const string FileSetting = "Records:MasterKeyFile";
    public const string PreviousSetting = "Records:PreviousMasterKeyFiles";
    public const string CreateSetting = "Records:CreateMasterKeyIfMissing";
    public const string DefaultFileName = "records-master.key";

    private readonly Lazy<Ring> _ring;

    public MasterKey(IOptions<RecordsOptions> options, IOptions<DatabaseOptions> database)
    {
        var o = options.Value;
        var current = CurrentPath(o, database.Value);
        var previous = o.PreviousMasterKeyFiles.Select(Path.GetFullPath).ToList();
        _ring = new Lazy<Ring>(() => Ring.Load(current, previous, o.CreateMasterKeyIfMissing));
    }

    /// <summary>Id of the current key, stored beside each data key it seals.</summary>
    public string Id => _ring.Value.CurrentId;

    /// <summary>The current key: seals every new data key.</summary>
    public byte[] Key => _ring.Value.Keys[_ring.Value.CurrentId];

    /// <summary>Ids of every key this service can open with, the current one included.</summary>
    public IReadOnlyCollection<string> KnownIds => _ring.Value.Keys.Keys;

    /// <summary>The key of an id, to open a data key sealed under it; Unavailable naming the settings when it is not configured.</summary>
    public byte[] KeyFor(string id) =>
        _ring.Value.Keys.TryGetValue(id, out var key) ? key
            : throw new UnavailableException(
                $"a person's data key is sealed under master key {id}, which is not configured: add its file to {PreviousSetting} (or make it {FileSetting})");

    /// <summary>The file of the current key: the setting, else <c>{Database:DataDirectory}/records-master.key</c>.</summary>
    public static string CurrentPath(RecordsOptions options, DatabaseOptions database) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(options.MasterKeyFile) ? Path.Combine(database.DataDirectory, DefaultFileName) : options.MasterKeyFile);

    /// <summary>
    /// What is wrong with the configured key files, as a sentence naming the setting, or null: the current
    /// file must exist (unless it may be created) and every file must hold a key.
    /// </summary>
    public static string? Problem(RecordsOptions options, DatabaseOptions database)
    {
        var current = CurrentPath(options, database);
        if (!File.Exists(current) && !options.CreateMasterKeyIfMissing)
        {
            return $"{FileSetting}: the records master key file {current} does not exist. Without it no person's file can be read: " +
                $"restore it from its backup. Only the local stack creates a new key ({CreateSetting} = true).";
        }

        var files = File.Exists(current) ? options.PreviousMasterKeyFiles.Prepend(current) : options.PreviousMasterKeyFiles;
        foreach (var file in files)
        {
            var setting = file == current ? FileSetting : PreviousSetting;
            if (!File.Exists(file))
            {
                return $"{setting}: the master key file {Path.GetFullPath(file)} does not exist";
            }

            if (ReadKey(file) is null)
            {
                return $"{setting}: the master key file {Path.GetFullPath(file)} must hold 32 bytes in base64 (e.g. the output of `openssl rand -base64 32`)";
            }
        }

        return null;
    }

    /// <summary>A key's id: the first 16 hex digits of its SHA-256 (never the key itself).</summary>
    public static string IdOf(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..16];

    private static byte[]? ReadKey(string path)
    {
        try
        {
            var key = Convert.FromBase64String(File.ReadAllText(path).Trim());
            return key.Length == 32 ? key : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed record Ring(string CurrentId, Dictionary<string, byte[]> Keys)
    {
        public static Ring Load(string current, IReadOnlyList<string> previous, bool create)
        {
            if (!File.Exists(current))
            {
                if (!create)
                {
                    throw new InvalidOperationException($"{FileSetting}: the records master key file {current} does not exist");
                }

                OwnerOnly.CreateParentDirectory(current);
                try
                {
                    OwnerOnly.WriteAllText(current, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), overwrite: false);
                }
                catch (IOException) when (File.Exists(current))
                {
                    // Created by another process at the same moment: that one is the key.
                }
            }

            var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var currentKey = ReadKey(current) ?? throw new InvalidOperationException($"{FileSetting}: the master key file {current} must hold 32 bytes in base64");
            var currentId = IdOf(currentKey);
            keys[currentId] = currentKey;
            foreach (var file in previous)
            {
                var key = ReadKey(file) ?? throw new InvalidOperationException($"{PreviousSetting}: the master key file {file} must hold 32 bytes in base64");
                keys.TryAdd(IdOf(key), key);
            }

            return new Ring(currentId, keys);
        }
    }
}
