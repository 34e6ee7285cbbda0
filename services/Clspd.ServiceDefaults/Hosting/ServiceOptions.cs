namespace Clspd.ServiceDefaults;

/// <summary>The <c>Service</c> configuration section.</summary>
public sealed class ServiceOptions
{
    public const string Section = "Service";

    /// <summary>Where the HTTP/2-only (h2c) gRPC endpoint listens, e.g. the registry's default, <see cref="Clspd.Hosting.DefaultPorts.RegistryAddress"/>.</summary>
    public string? Listen { get; set; }

    /// <summary>
    /// Where the management listener listens, e.g. <c>http://0.0.0.0:8081</c>: HTTP/1.1, cleartext, serving only
    /// <c>/healthz</c> and <c>/readyz</c> (for kubelet and Docker health checks, which speak neither h2c nor mutual
    /// TLS). Unset, there is none. Needs <see cref="Listen"/> or the service's default address (not
    /// <c>ASPNETCORE_URLS</c> or <c>Kestrel:Endpoints</c>, which would otherwise be ignored).
    /// </summary>
    public string? ManagementListen { get; set; }
}
