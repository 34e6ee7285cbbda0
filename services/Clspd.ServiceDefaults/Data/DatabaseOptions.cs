using System.ComponentModel.DataAnnotations;

namespace Clspd.ServiceDefaults.Data;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default) or <c>SqlServer</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Connection string. Required for SQL Server; for SQLite it defaults to
    /// <c>{DataDirectory}/{service}.db</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Directory of the SQLite files (default <c>.clspd</c> under the working directory).</summary>
    [Required]
    public string DataDirectory { get; set; } = ".clspd";

    /// <summary>SQL Server only: create the database when it does not exist (needs the right to).</summary>
    public bool EnsureDatabase { get; set; }

    /// <summary>
    /// How long the response of a mutating call is kept so that a retry with the same request id gets
    /// it back (default 7 days, 1 hour to 365 days); older entries are purged every hour.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan RequestLogRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Seconds between two attempts to migrate when the database cannot be reached at start-up.</summary>
    [Range(1, 3600)]
    public int RetrySeconds { get; set; } = 5;
}
