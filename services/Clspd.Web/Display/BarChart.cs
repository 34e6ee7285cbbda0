using System.Globalization;
using System.Net;
using System.Text;

namespace Clspd.Web.Display;

/// <summary>
/// A horizontal bar chart drawn on the server as SVG geometry: one bar per published count; a
/// withheld count (small cell, REC-11) gets no bar and the words "masqué".
/// </summary>
public sealed record BarChart(IReadOnlyList<BarChart.Bar> Bars, int Width, int Height)
{
    public const int LabelWidth = 260;

    public const int BarHeight = 22;

    public const int Gap = 8;

    public sealed record Bar(string Label, int Count, bool Withheld, int Y, int Length)
    {
        public string Text => Withheld ? "masqué" : Count.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The chart as an SVG element labelled by the element <paramref name="labelledBy"/>; every text is encoded.</summary>
    public string Svg(string labelledBy)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"graphique\" role=\"img\" aria-labelledby=\"{WebUtility.HtmlEncode(labelledBy)}\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        foreach (var bar in Bars)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{bar.Y + 16}\">{WebUtility.HtmlEncode(bar.Label)}</text>");
            if (!bar.Withheld)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{bar.Y}\" width=\"{bar.Length}\" height=\"{BarHeight}\"></rect>");
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth + bar.Length + 6}\" y=\"{bar.Y + 16}\">{bar.Text}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    public static BarChart Of(IEnumerable<(string Label, int Count, bool Withheld)> values, int plotWidth = 360)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        var max = Math.Max(1, list.Where(v => !v.Withheld).Select(v => v.Count).DefaultIfEmpty(0).Max());
        var bars = list.Select((v, i) => new Bar(v.Label, v.Count, v.Withheld, i * (BarHeight + Gap), v.Withheld ? 0 : Math.Max(1, v.Count * plotWidth / max)))
            .ToList();
        return new BarChart(bars, LabelWidth + plotWidth + 80, Math.Max(BarHeight, bars.Count * (BarHeight + Gap)));
    }
}
