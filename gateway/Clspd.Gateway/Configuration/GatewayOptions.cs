using System.ComponentModel.DataAnnotations;

namespace Clspd.Gateway.Configuration;

/// <summary>The <c>Gateway</c> configuration section.</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Default largest request body of one call (GW-2): 4 MiB, the services' message limit.</summary>
    public const long DefaultMaxRequestBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The services behind this gateway, by short name (<c>registry</c>, <c>consent</c>, ...) → h2c address.
    /// Calls to <c>/clspd.{name}.v1.*</c> go to that address. A name with an empty address is not
    /// deployed: its calls get <c>Unimplemented</c> and it does not count for health.
    /// </summary>
    public Dictionary<string, string?> Backends { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Largest request body (all gRPC frames of one call) forwarded to a service (GW-2).</summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBytes { get; set; } = DefaultMaxRequestBytes;

    /// <summary>Per-caller rate limit (GW-2).</summary>
    public RateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Deadline of the health check the gateway sends each backend.</summary>
    public TimeSpan BackendHealthTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a proxied call may go without any byte flowing before it is cut (long Watch streams).</summary>
    public TimeSpan BackendActivityTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The deployed backends (non-empty address), ordered by name.</summary>
    public IReadOnlyList<Backend> DeployedBackends() =>
        [.. Backends
            .Where(b => !string.IsNullOrWhiteSpace(b.Value))
            .OrderBy(b => b.Key, StringComparer.Ordinal)
            .Select(b => new Backend(b.Key.ToLowerInvariant(), new Uri(b.Value!, UriKind.Absolute)))];
}
