namespace Clspd.Records.Domain;

/// <summary>One published cell of a <see cref="SuppressedTable"/>: its row and column labels, its count (0 when withheld).</summary>
public sealed record SuppressedCell(string Row, string Column, int Count, bool Suppressed);

/// <summary>
/// REC-11: a two-dimension count table with its totals, small cells suppressed and complementary
/// cells suppressed so that no withheld count can be recomputed. Every row and column (totals
/// included) is a relation "the cells add up to the total"; a relation with exactly one withheld
/// member would give it away, so the smallest other non-zero member is withheld too (a cell
/// before the total), until every relation holds none or at least two. A one-column table has
/// no row totals (they would repeat the cells), a one-row table no column totals.
/// </summary>
public static class SuppressedTable
{
    public const string Total = "TOTAL";

    /// <summary>Suppresses a table of counts[row, column] and returns its cells, totals included, by row then column.</summary>
    public static IReadOnlyList<SuppressedCell> Build(IReadOnlyList<string> rows, IReadOnlyList<string> columns, int[,] counts, int threshold)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.GetLength(0) != rows.Count || counts.GetLength(1) != columns.Count)
        {
            throw new ArgumentException("counts must have one row per row label and one column per column label", nameof(counts));
        }

        var (r, c) = (rows.Count, columns.Count);
        if (r == 0 || c == 0)
        {
            return [];
        }

        var rowTotals = c > 1;
        var columnTotals = r > 1;
        var values = Extend(counts, r, c);
        var suppressed = new bool[r + 1, c + 1];
        for (var i = 0; i <= r; i++)
        {
            for (var j = 0; j <= c; j++)
            {
                suppressed[i, j] = values[i, j] > 0 && values[i, j] < threshold;
            }
        }

        var lines = Lines(r, c, rowTotals, columnTotals);
        bool changed;
        do
        {
            changed = false;
            foreach (var line in lines)
            {
                if (line.Count(m => suppressed[m.Row, m.Column]) != 1)
                {
                    continue;
                }

                // The members are the cells then the total: the first smallest non-zero cell, else the total.
                var candidate = line.Where(m => !suppressed[m.Row, m.Column] && values[m.Row, m.Column] > 0)
                    .OrderBy(m => m.IsTotal).ThenBy(m => values[m.Row, m.Column]).Select(m => ((int, int)?)(m.Row, m.Column)).FirstOrDefault();
                if (candidate is { } pick)
                {
                    suppressed[pick.Item1, pick.Item2] = true;
                    changed = true;
                }
            }
        }
        while (changed);

        var cells = new List<SuppressedCell>();
        for (var i = 0; i <= (columnTotals ? r : r - 1); i++)
        {
            for (var j = 0; j <= (rowTotals ? c : c - 1); j++)
            {
                var hidden = suppressed[i, j];
                cells.Add(new SuppressedCell(i == r ? Total : rows[i], j == c ? Total : columns[j], hidden ? 0 : values[i, j], hidden));
            }
        }

        return cells;
    }

    /// <summary>A one-dimension table: one column named <paramref name="column"/>, a total row when there are several values.</summary>
    public static IReadOnlyList<SuppressedCell> Build(IReadOnlyList<(string Value, int Count)> counts, string column, int threshold)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var matrix = new int[counts.Count, 1];
        for (var i = 0; i < counts.Count; i++)
        {
            matrix[i, 0] = counts[i].Count;
        }

        return Build([.. counts.Select(x => x.Value)], [column], matrix, threshold);
    }

    private readonly record struct Member(int Row, int Column, bool IsTotal);

    private static int[,] Extend(int[,] counts, int r, int c)
    {
        var values = new int[r + 1, c + 1];
        for (var i = 0; i < r; i++)
        {
            for (var j = 0; j < c; j++)
            {
                values[i, j] = counts[i, j];
                values[i, c] += counts[i, j];
                values[r, j] += counts[i, j];
                values[r, c] += counts[i, j];
            }
        }

        return values;
    }

    private static List<List<Member>> Lines(int r, int c, bool rowTotals, bool columnTotals)
    {
        var lines = new List<List<Member>>();
        if (rowTotals)
        {
            // Each row (and the row of column totals) adds up to its row total.
            for (var i = 0; i <= (columnTotals ? r : r - 1); i++)
            {
                var line = Enumerable.Range(0, c).Select(j => new Member(i, j, i == r)).ToList();
                line.Add(new Member(i, c, true));
                lines.Add(line);
            }
        }

        if (columnTotals)
        {
            // Each column (and the column of row totals) adds up to its column total.
            for (var j = 0; j <= (rowTotals ? c : c - 1); j++)
            {
                var line = Enumerable.Range(0, r).Select(i => new Member(i, j, j == c)).ToList();
                line.Add(new Member(r, j, true));
                lines.Add(line);
            }
        }

        return lines;
    }
}
