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

    /// <summary>
    /// REC-7: months an archived case is kept after the end of its follow-up (default 3). Values
    /// above 36 (three years) are refused at start-up.
    /// </summary>
    public int ArchiveMonths { get; set; } = 3;

    /// <summary>How often the lifecycle job (close at 25, destroy due cases) runs; default hourly, it is idempotent.</summary>
    public TimeSpan LifecycleInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows destroyed per transaction by the lifecycle job, so reads are never blocked for long.</summary>
    public int DestroyBatchSize { get; set; } = 500;

    /// <summary>REC-11: statistic cells counting fewer cases than this (and more than zero) are suppressed.</summary>
    public int StatisticsThreshold { get; set; } = Domain.Statistics.DefaultThreshold;
}
