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
}
