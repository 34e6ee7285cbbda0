namespace Clspd.Cli.Output;

/// <summary>
/// A progress bar on the error stream, so that it never mixes with the answer (or with --json).
/// On a terminal it redraws one line; elsewhere it prints the finished bar once.
/// </summary>
public sealed class Progress(TextWriter writer, string label, int total)
{
    private const int Width = 30;
    private readonly bool _live = ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
    private int _total = total;
    private int _done;

    /// <summary>The amount of work, when it is learnt as the work goes (never below what is done).</summary>
    public int Total
    {
        get => _total;
        set => _total = Math.Max(value, _done);
    }

    /// <summary>The work done so far.</summary>
    public int Done => _done;

    public void Step(int count = 1)
    {
        _done = Math.Min(_total, _done + count);
        if (_live)
        {
            writer.Write("\r" + Bar());
        }
    }

    public void Finish()
    {
        _done = _total;
        writer.WriteLine(_live ? "\r" + Bar() : Bar());
    }

    private string Bar()
    {
        var filled = _total == 0 ? Width : _done * Width / _total;
        return $"[{new string('#', filled)}{new string('.', Width - filled)}] {_done}/{_total} {label}";
    }
}
