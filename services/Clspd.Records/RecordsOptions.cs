namespace Clspd.Records;

/// <summary>The <c>Records</c> configuration section.</summary>
public sealed class RecordsOptions
{
    public const string Section = "Records";

    /// <summary>
    /// File holding the base64 master key that seals the per-person data keys. Defaults to
    /// <c>{Database:DataDirectory}/records-master.key</c>, created on first start when missing;
    /// in production mount it from a secret store and keep it out of database backups.
    /// </summary>
    public string? MasterKeyFile { get; set; }

    /// <summary>Create the master key file when it is missing (local stack). Set false in production.</summary>
    public bool CreateMasterKeyIfMissing { get; set; } = true;
}
