using System.ComponentModel.DataAnnotations;

namespace Clspd.Access;

/// <summary>The <c>Access</c> configuration section.</summary>
public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>
    /// Keep a local view of registry designations fed by the registry's change feed, so that a
    /// check needs no round trip (default true). When false every check asks the registry.
    /// </summary>
    public bool UseLocalView { get; set; } = true;

    /// <summary>How long a check waits for facts to reach a revision the caller has seen (ACC-7).</summary>
    [Range(0, 30_000)]
    public int FreshnessWaitMilliseconds { get; set; } = 2_000;

    /// <summary>A feed silent for longer than this is stale: checks then ask the source directly, and fail closed if it does not answer (ACC-7).</summary>
    [Range(1, 3_600)]
    public int FeedStalenessSeconds { get; set; } = 10;

    /// <summary>How long a consent state read from the consent service may be reused when no change was seen for that person.</summary>
    [Range(0, 3_600)]
    public int ConsentCacheSeconds { get; set; } = 60;

    /// <summary>
    /// IANA time zone of the councils served (default Europe/Paris): an occasional attendee reads
    /// the cases on their meeting's agenda on the meeting's day in this zone (ACC-1). An unknown
    /// zone stops the service at start.
    /// </summary>
    [Required]
    public string CouncilTimeZone { get; set; } = "Europe/Paris";

    /// <summary>The signed checkpoints of the audit trail (<c>Access:Audit</c>).</summary>
    public AuditCheckpointOptions Audit { get; set; } = new();

    /// <summary>The <see cref="CouncilTimeZone"/> resolved; throws when the zone is unknown.</summary>
    public TimeZoneInfo ResolveCouncilTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(CouncilTimeZone);

    /// <summary>Whether <see cref="CouncilTimeZone"/> names a zone this machine knows.</summary>
    public bool CouncilTimeZoneKnown()
    {
        try
        {
            ResolveCouncilTimeZone();
            return true;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
