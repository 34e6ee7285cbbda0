namespace Clspd.Cli.Output;

/// <summary>A plain-text table with a header line, columns padded to their widest cell.</summary>
public sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public Table Add(params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        _rows.Add([.. cells.Select(c => (c ?? string.Empty).ReplaceLineEndings(" "))]);
        return this;
    }

    public void WriteTo(TextWriter writer, string empty = "(none)")
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (_rows.Count == 0)
        {
            writer.WriteLine(empty);
            return;
        }

        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Max(r => i < r.Length ? r[i].Length : 0))).ToArray();
        WriteLine(writer, headers, widths);
        WriteLine(writer, [.. widths.Select(w => new string('-', w))], widths);
        foreach (var row in _rows)
        {
            WriteLine(writer, row, widths);
        }
    }

    /// <summary>One record as aligned "label  value" lines; fields without a value are left out.</summary>
    public static void Fields(TextWriter writer, params (string Label, string? Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(fields);
        var shown = fields.Where(f => !string.IsNullOrEmpty(f.Value)).ToList();
        var width = shown.Count == 0 ? 0 : shown.Max(f => f.Label.Length);
        foreach (var (label, value) in shown)
        {
            writer.WriteLine($"{label.PadRight(width)}  {value}".TrimEnd());
        }
    }

    private static void WriteLine(TextWriter writer, string[] cells, int[] widths) =>
        writer.WriteLine(string.Join("  ", widths.Select((w, i) => (i < cells.Length ? cells[i] : string.Empty).PadRight(w))).TrimEnd());
}
