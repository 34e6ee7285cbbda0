using System.Diagnostics.Metrics;

namespace Clspd.Gateway.Diagnostics;

/// <summary>
/// The gateway's meter (<see cref="MeterName"/>; names in docs/operations.md, "Monitoring"): every call the gateway
/// itself refuses, by GW rule and reason. Tags are constant strings; nothing is done when no one listens.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Clspd.Gateway";

    public const string Rejections = "clspd.gateway.rejections";

    private readonly Counter<long> _rejections;

    public GatewayMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _rejections = meters.Create(MeterName).CreateCounter<long>(Rejections, "{call}", "Calls refused by the gateway, by GW rule and reason");
    }

    /// <summary>A call refused under <paramref name="rule"/> (GW-1, GW-2) for <paramref name="reason"/>.</summary>
    public void Rejected(string rule, string reason)
    {
        if (_rejections.Enabled)
        {
            _rejections.Add(1, new KeyValuePair<string, object?>("rule", rule), new KeyValuePair<string, object?>("reason", reason));
        }
    }
}
