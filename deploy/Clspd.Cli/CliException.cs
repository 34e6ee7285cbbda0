namespace Clspd.Cli;

/// <summary>A failure found by the command line itself (no token, unreadable file...), with its exit code.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
