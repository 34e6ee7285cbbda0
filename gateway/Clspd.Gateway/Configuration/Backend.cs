namespace Clspd.Gateway.Configuration;

/// <summary>A service deployed behind the gateway: its short name and h2c address.</summary>
public sealed record Backend(string Name, Uri Address)
{
    /// <summary>The gRPC path prefix of its proto package, e.g. <c>/clspd.registry.v1.</c>.</summary>
    public string PathPrefix => $"/clspd.{Name}.v1.";
}
