namespace Clspd.Records;

/// <summary>The <c>Records</c> configuration section.</summary>
public sealed class RecordsOptions
{
    public const string Section = "Records";

    /// <summary>
    /// File holding the current base64 master key (32 bytes), which seals every new per-person data key.
    /// Defaults to <c>{Database:DataDirectory}/records-master.key</c>. A missing file stops the service at
    /// start-up unless <see cref="CreateMasterKeyIfMissing"/> is on. Losing it makes every person's
    /// identity unreadable: back it up, apart from the database backups.
    /// </summary>
    public string? MasterKeyFile { get; set; }

    /// <summary>
    /// Files of earlier master keys: used only to open the data keys still sealed under them, until
    /// <c>RotateMasterKey</c> (<c>clspd keys rotate</c>) has re-sealed every one under the current key.
    /// </summary>
    public List<string> PreviousMasterKeyFiles { get; set; } = [];

    /// <summary>Create the master key file when it is missing: the local stack only (default false).</summary>
    public bool CreateMasterKeyIfMissing { get; set; }

    /// <summary>
    /// REC-7: months an archived case is kept after the end of its follow-up (default 3). Values
    /// above 36 (three years) are refused at start-up.
    /// </summary>
    public int ArchiveMonths { get; set; } = 3;

    /// <summary>How often the lifecycle job (close at 25, destroy due cases) runs; default hourly, it is idempotent.</summary>
    public TimeSpan LifecycleInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Rows destroyed per transaction by the lifecycle job (1..5000); 0, the default, takes the provider's
    /// own: 5,000 on SQLite (readers never wait for a writer there, and large batches cost the least per
    /// case), 2,000 on SQL Server (under its lock escalation threshold, so readers are never blocked by a
    /// table lock).
    /// </summary>
    public int DestroyBatchSize { get; set; }

    /// <summary>
    /// At most this many units of lifecycle work per minute (a follow-up closed at 25, a case destroyed
    /// with its rows, a person without a case destroyed); 0 = as fast as the machine goes. The default,
    /// 60,000, clears a backlog of tens of thousands of cases in minutes while leaving the processor to
    /// the access decisions (see docs/benchmarks.md, purge under load).
    /// </summary>
    public int LifecycleRatePerMinute { get; set; } = 60_000;

    /// <summary>SQLite: page cache of the connection a lifecycle run uses, in megabytes (default 16), given back when the run ends.</summary>
    public int LifecycleCacheMegabytes { get; set; } = 16;

    /// <summary>
    /// REC-7: how often erasures consent has not acknowledged yet (it was down) are delivered again; default one minute.
    /// </summary>
    public TimeSpan ErasureRetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>REC-11: statistic cells counting fewer cases than this (and more than zero) are suppressed.</summary>
    public int StatisticsThreshold { get; set; } = Domain.Statistics.DefaultThreshold;
}
