namespace Clspd.ServiceDefaults.Health;

/// <summary>The tags that sort health checks between the endpoints (<see cref="HealthEndpoints"/>).</summary>
public static class HealthTags
{
    /// <summary>Checked by <c>/readyz</c>: the database, the required peers (the gateway: its backends).</summary>
    public const string Ready = "ready";

    /// <summary>A peer's reachability: in <c>/readyz</c>, not in the gRPC health of the empty service name.</summary>
    public const string Peer = "peer";
}
