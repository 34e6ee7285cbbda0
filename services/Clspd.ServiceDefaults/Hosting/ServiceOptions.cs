namespace Clspd.ServiceDefaults;

/// <summary>The <c>Service</c> configuration section.</summary>
public sealed class ServiceOptions
{
    public const string Section = "Service";

    /// <summary>Where the HTTP/2-only (h2c) gRPC endpoint listens, e.g. the registry's default, <see cref="Clspd.Hosting.DefaultPorts.RegistryAddress"/>.</summary>
    public string? Listen { get; set; }
}
