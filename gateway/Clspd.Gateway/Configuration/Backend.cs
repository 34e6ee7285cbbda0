namespace Clspd.Gateway.Configuration;

/// <summary>A service deployed behind the gateway: its short name and h2c address.</summary>
public sealed record Backend(string Name, Uri Address)
{
    /// <summary>The gRPC path prefix of its proto package, e.g. <c>/clspd.registry.v1.</c>.</summary>
    public string PathPrefix => $"/clspd.{Name}.v1.";

    /// <summary>The prefix of its JSON paths (gRPC JSON transcoding), e.g. <c>/v1/registry/</c>.</summary>
    public string JsonPathPrefix => $"/v1/{Name}/";
}
