using System.CommandLine;

namespace Clspd.Cli;

/// <summary>Options every command accepts: where the gateway is, who the caller is, how to print.</summary>
public sealed class GlobalOptions
{
    public Option<string?> Gateway { get; } = new("--gateway")
    {
        Description = $"Gateway address (default: ${CliEnvironment.Gateway}, else {CliEnvironment.DefaultGateway})",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"Bearer token (default: ${CliEnvironment.Token}, else the token stored by 'clspd login')",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the answer as JSON (for scripts) instead of tables",
        Recursive = true,
    };

    public Option<string?> Data { get; } = new("--data")
    {
        Description = $"Data directory of the local stack, holding issuer.pem (default: ${CliEnvironment.Data}, else ./{CliEnvironment.DefaultDataDirectory})",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Gateway, Token, Json, Data];
}
