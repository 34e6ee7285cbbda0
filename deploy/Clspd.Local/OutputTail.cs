namespace Clspd.Local;

/// <summary>
/// The last lines a child wrote on one stream, at most <c>capacity</c> of them and each cut to
/// <see cref="MaxLineLength"/> characters, so that a chatty child costs a bounded amount of memory.
/// </summary>
internal sealed class OutputTail(int capacity)
{
    public const int MaxLineLength = 4_000;

    private readonly Lock _gate = new();
    private readonly Queue<string> _lines = new(Math.Max(capacity, 0));

    public void Add(string line)
    {
        if (capacity <= 0)
        {
            return;
        }

        if (line.Length > MaxLineLength)
        {
            line = $"{line[..MaxLineLength]}… ({line.Length - MaxLineLength} more characters)";
        }

        lock (_gate)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
            }

            _lines.Enqueue(line);
        }
    }

    /// <summary>The lines kept, oldest first.</summary>
    public IReadOnlyList<string> Lines()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }
}
