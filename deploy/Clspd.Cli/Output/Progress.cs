namespace Clspd.Cli.Output;

/// <summary>
/// A progress bar on the error stream, so that it never mixes with the answer (or with --json).
/// On a terminal it redraws one line; elsewhere it prints the finished bar once.
/// </summary>
public sealed class Progress(TextWriter writer, string label, int total)
{
    private const int Width = 30;
    private readonly bool _live = ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
    private int _done;

    public void Step(int count = 1)
    {
        _done = Math.Min(total, _done + count);
        if (_live)
        {
            writer.Write("\r" + Bar());
        }
    }

    public void Finish()
    {
        _done = total;
        writer.WriteLine(_live ? "\r" + Bar() : Bar());
    }

    private string Bar()
    {
        var filled = total == 0 ? Width : _done * Width / total;
        return $"[{new string('#', filled)}{new string('.', Width - filled)}] {_done}/{total} {label}";
    }
}
