using System.ComponentModel.DataAnnotations;

namespace Clspd.Gateway.Configuration;

/// <summary>The <c>Gateway:RateLimit</c> section: calls per second allowed to one token subject (GW-2).</summary>
public sealed class RateLimitOptions
{
    /// <summary>Calls each caller may start per one-second window.</summary>
    [Range(1, int.MaxValue)]
    public int PermitsPerSecond { get; set; } = 1000;

    /// <summary>Calls of one caller that wait for the next window before being refused.</summary>
    [Range(0, int.MaxValue)]
    public int QueueLimit { get; set; } = 50;
}
