namespace Clspd.Local;

/// <summary>A piece of the stack that exited on its own: its name and exit code.</summary>
public sealed record ChildExit(string Name, int ExitCode)
{
    public override string ToString() => $"{Name} exited unexpectedly with code {ExitCode}";
}
