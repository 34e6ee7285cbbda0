using System.Globalization;
using Clspd.Records.Domain;

namespace Clspd.Records.Tests.Domain;

/// <summary>
/// REC-11: small cells and their complements. Tables are written "a,b;c,d" (rows by ';'); the
/// expected output is the same with the totals appended (a row total after each row when there are
/// several columns, a row of column totals when there are several rows) and '*' for a withheld count.
/// </summary>
public sealed class SuppressedTableTests
{
    [Theory]
    [InlineData("10;7", "10;7;17")]
    [InlineData("5;1", "*;*;6")]
    [InlineData("5;1;0", "*;*;0;6")]
    [InlineData("3;0", "*;0;*")]
    [InlineData("1", "*")]
    [InlineData("10,10;10,10", "10,10,20;10,10,20;20,20,40")]
    [InlineData("10,2;8,9", "*,*,12;*,*,17;18,11,29")]
    [InlineData("6,1,0;7,8,9", "*,*,0,7;*,*,9,24;13,9,9,31")]
    [InlineData("7,2", "*,*,9")]
    [InlineData("1,1;1,0", "*,*,*;*,0,*;*,*,*")]
    [InlineData("0,0;0,0", "0,0,0;0,0,0;0,0,0")]
    public void Build_SmallCellsAndComplements_NoneRecomputable_REC_11(string table, string expected)
    {
        var counts = Parse(table);
        var rows = Enumerable.Range(0, counts.GetLength(0)).Select(i => "r" + i).ToList();
        var columns = Enumerable.Range(0, counts.GetLength(1)).Select(j => "c" + j).ToList();

        var cells = SuppressedTable.Build(rows, columns, counts, threshold: 5);

        Assert.Equal(expected, Render(cells));
    }

    [Theory]
    [InlineData("10,2;8,9")]
    [InlineData("6,1,0;7,8,9")]
    [InlineData("5;1;0")]
    [InlineData("12,3,4;1,20,30;9,9,2")]
    public void Build_EveryRowAndColumn_NoneOrAtLeastTwoWithheld_REC_11(string table)
    {
        var counts = Parse(table);
        var rows = Enumerable.Range(0, counts.GetLength(0)).Select(i => "r" + i).ToList();
        var columns = Enumerable.Range(0, counts.GetLength(1)).Select(j => "c" + j).ToList();

        var cells = SuppressedTable.Build(rows, columns, counts, threshold: 5);

        // Only a row or column with a published total is a relation someone could solve.
        foreach (var line in cells.GroupBy(c => c.Row).Concat(cells.GroupBy(c => c.Column)).Where(g => g.Any(c => c.Row == "TOTAL" || c.Column == "TOTAL")))
        {
            Assert.NotEqual(1, line.Count(c => c.Suppressed));
        }

        Assert.All(cells.Where(c => c.Suppressed), c => Assert.Equal(0, c.Count));
    }

    [Fact]
    public void Build_Labels_RowsThenColumnsWithTotals_REC_11()
    {
        var cells = SuppressedTable.Build(["CDDF", "CLSPD_GROUP"], ["count"], new[,] { { 6 }, { 9 } }, threshold: 5);

        Assert.Equal([("CDDF", "count", 6), ("CLSPD_GROUP", "count", 9), ("TOTAL", "count", 15)], cells.Select(c => (c.Row, c.Column, c.Count)));
    }

    [Fact]
    public void Build_HigherThreshold_MoreWithheld_REC_11()
    {
        var cells = SuppressedTable.Build([("a", 9), ("b", 12), ("c", 30)], "count", threshold: 10);

        Assert.Equal("*;*;30;51", Render(cells));
    }

    private static int[,] Parse(string table)
    {
        var rows = table.Split(';').Select(r => r.Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var counts = new int[rows.Length, rows[0].Length];
        for (var i = 0; i < rows.Length; i++)
        {
            for (var j = 0; j < rows[i].Length; j++)
            {
                counts[i, j] = rows[i][j];
            }
        }

        return counts;
    }

    private static string Render(IReadOnlyList<SuppressedCell> cells) =>
        string.Join(';', cells.GroupBy(c => c.Row).Select(row => string.Join(',', row.Select(c => c.Suppressed ? "*" : c.Count.ToString(CultureInfo.InvariantCulture)))));
}
