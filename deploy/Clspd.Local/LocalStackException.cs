namespace Clspd.Local;

/// <summary>The stack could not start or went down; the message says which piece and why.</summary>
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
}
