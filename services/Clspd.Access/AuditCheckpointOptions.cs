namespace Clspd.Access;

/// <summary>
/// The <c>Access:Audit</c> configuration section: the signed checkpoints of the audit trail
/// (ACC-4), which a writer of the access database cannot forge.
/// </summary>
public sealed class AuditCheckpointOptions
{
    /// <summary>
    /// PEM file of the ECDSA P-256 private key that signs checkpoints. Keep it outside the
    /// database's directory and backups, readable by the access service only: whoever holds it can
    /// sign a rewritten trail. Required; a missing file stops the service at start, unless
    /// <see cref="CreateCheckpointKeyIfMissing"/>.
    /// </summary>
    public string? CheckpointKeyFile { get; set; }

    /// <summary>Create the key file (owner-only) when it is missing: the local stack does, on first start. False by default.</summary>
    public bool CreateCheckpointKeyIfMissing { get; set; }

    /// <summary>
    /// The append-only file of signed checkpoints, one JSON line each. Defaults to a file next to
    /// the SQLite database (<c>access.audit-checkpoints.jsonl</c>), or in <c>Database:DataDirectory</c>
    /// on SQL Server. Put it where the database's writers cannot write (another volume, an
    /// append-only mount) to keep it out of their reach.
    /// </summary>
    public string? CheckpointFile { get; set; }

    /// <summary>How often the trail's head is signed when new entries were appended (default one hour, 1 minute to 1 day).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether <see cref="CheckpointKeyFile"/> is set, and names an existing file or one the service may create.</summary>
    public bool CheckpointKeyUsable() =>
        !string.IsNullOrWhiteSpace(CheckpointKeyFile) && (CreateCheckpointKeyIfMissing || File.Exists(CheckpointKeyFile));

    public bool CheckpointIntervalValid() => CheckpointInterval >= TimeSpan.FromMinutes(1) && CheckpointInterval <= TimeSpan.FromDays(1);
}
