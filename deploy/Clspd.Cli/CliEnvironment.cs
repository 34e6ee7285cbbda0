using Clspd.Hosting;

namespace Clspd.Cli;

/// <summary>
/// The environment variables the CLI reads (CLSPD_GATEWAY, CLSPD_TOKEN, CLSPD_DATA, CLSPD_HOME,
/// XDG_CONFIG_HOME, HOME); tests pass their own so that runs in one process stay independent.
/// </summary>
public sealed class CliEnvironment(IReadOnlyDictionary<string, string>? variables = null)
{
    public const string Gateway = "CLSPD_GATEWAY";
    public const string Token = "CLSPD_TOKEN";
    public const string Data = "CLSPD_DATA";
    public const string Home = "CLSPD_HOME";
    public static readonly string DefaultGateway = DefaultPorts.GatewayAddress;
    public const string DefaultDataDirectory = ".clspd";

    public string? Get(string name)
    {
        var value = variables is null ? Environment.GetEnvironmentVariable(name) : variables.GetValueOrDefault(name);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>Where the CLI keeps its session: CLSPD_HOME, else $XDG_CONFIG_HOME/clspd, else ~/.config/clspd.</summary>
    public string HomeDirectory =>
        Get(Home) ?? Path.Combine(
            Get("XDG_CONFIG_HOME") ?? Path.Combine(Get("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"),
            "clspd");

    /// <summary>The local stack's data directory: --data, else CLSPD_DATA, else ./.clspd.</summary>
    public string DataDirectory(string? option) => Path.GetFullPath(option ?? Get(Data) ?? DefaultDataDirectory);
}
