using System.ComponentModel.DataAnnotations;

namespace Clspd.Gateway.Configuration;

/// <summary>
/// The <c>Gateway:RateLimit</c> section (GW-2): calls per second allowed to one token subject, and
/// to one client address for calls without a valid token (health checks, missing or refused tokens).
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Calls each caller may start per one-second window.</summary>
    [Range(1, int.MaxValue)]
    public int PermitsPerSecond { get; set; } = 1000;

    /// <summary>Calls of one caller that wait for the next window before being refused.</summary>
    [Range(0, int.MaxValue)]
    public int QueueLimit { get; set; } = 50;

    /// <summary>
    /// Calls without a valid token that one client address may start per one-second window; the
    /// rest are refused at once (no queue), before anything is forwarded or probed.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int AnonymousPermitsPerSecond { get; set; } = 20;
}
