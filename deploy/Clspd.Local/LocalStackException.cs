namespace Clspd.Local;

/// <summary>
/// The stack could not start or went down; the message says which piece and why (for a piece that
/// exited on its own, with the last lines it wrote, stderr first).
/// </summary>
public sealed class LocalStackException : Exception
{
    public LocalStackException()
    {
    }

    public LocalStackException(string message)
        : base(message)
    {
    }

    public LocalStackException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LocalStackException(string message, ChildExit exit)
        : base(message)
    {
        Exit = exit;
    }

    /// <summary>The piece that exited on its own, when that is why the stack went down.</summary>
    public ChildExit? Exit { get; }
}
