using System.Globalization;

namespace Clspd.Hosting;

/// <summary>
/// The loopback ports and addresses of the gateway and the four services when nothing else is
/// configured (a developer's machine, the local stack): the one place these numbers are written.
/// </summary>
public static class DefaultPorts
{
    public const int Gateway = 5080;
    public const int Registry = 5081;
    public const int Consent = 5082;
    public const int Records = 5083;
    public const int Access = 5084;

    /// <summary>The gateway's second listener, for partners calling JSON over HTTP/1.1 (<c>Gateway:JsonListen</c>).</summary>
    public const int GatewayJson = 5085;

    /// <summary>The loopback host every default address names.</summary>
    public const string LoopbackHost = "127.0.0.1";

    public static string GatewayAddress { get; } = Loopback(Gateway);

    public static string GatewayJsonAddress { get; } = Loopback(GatewayJson);

    public static string RegistryAddress { get; } = Loopback(Registry);

    public static string ConsentAddress { get; } = Loopback(Consent);

    public static string RecordsAddress { get; } = Loopback(Records);

    public static string AccessAddress { get; } = Loopback(Access);

    /// <summary>The services by the name the gateway routes them under (their proto package), with their default addresses.</summary>
    public static IReadOnlyDictionary<string, string> Services { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["registry"] = RegistryAddress,
        ["consent"] = ConsentAddress,
        ["records"] = RecordsAddress,
        ["access"] = AccessAddress,
    };

    /// <summary>The cleartext (h2c) loopback address of a port.</summary>
    public static string Loopback(int port) => string.Create(CultureInfo.InvariantCulture, $"http://{LoopbackHost}:{port}");
}
