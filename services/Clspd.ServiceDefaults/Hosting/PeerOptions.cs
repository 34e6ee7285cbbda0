using System.ComponentModel.DataAnnotations;

namespace Clspd.ServiceDefaults;

/// <summary>The <c>Peers</c> configuration section: how calls to the other services behave.</summary>
public sealed class PeerOptions
{
    public const string Section = "Peers";

    /// <summary>
    /// How long a call to another service may take before the caller fails closed with Unavailable
    /// (ACC-7). Unset, each service keeps its own default: 2 s for the access service's fact
    /// lookups (a check must answer fast), 5 s elsewhere.
    /// </summary>
    [Range(1, 600_000)]
    public int? CallTimeoutMilliseconds { get; set; }

    /// <summary>The configured timeout, else <paramref name="serviceDefault"/>.</summary>
    public TimeSpan CallTimeout(TimeSpan serviceDefault) =>
        CallTimeoutMilliseconds is { } milliseconds ? TimeSpan.FromMilliseconds(milliseconds) : serviceDefault;
}
