using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Clspd.Consent.V1;

namespace Clspd.Consent.Domain;

/// <summary>
/// Renders a notice in French (CON-1): plain text, and a printable HTML page in which every value
/// is HTML-encoded. Nothing but opaque references identifies the person.
/// </summary>
public static class NoticeRenderer
{
    private static readonly HtmlEncoder s_encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly string[] s_months =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    /// <param name="content">The notice items.</param>
    /// <param name="version">Published version number, 0 for a draft.</param>
    /// <param name="publishedAt">Publication instant, null for a draft.</param>
    /// <param name="subjectRef">Optional: the person the page is made out for.</param>
    /// <param name="minor">Whether that person is a minor (the page then addresses the legal representatives too).</param>
    public static NoticeRendering Render(NoticeContent content, int version, DateTimeOffset? publishedAt, string? subjectRef, bool minor)
    {
        var title = NoticeRules.TitleOf(content);
        var status = publishedAt is { } published
            ? $"Version {version.ToString(CultureInfo.InvariantCulture)}, publiée le {FrenchDate(published)}"
            : "PROJET — version non publiée, ne peut pas servir à informer";
        var sections = NoticeRules.Items.Select(i => (i.Heading, Body: i.Value(content).Trim())).Where(s => s.Body.Length > 0).ToList();
        var addressee = minor
            ? "Cette information est remise à la personne mineure concernée et à chacun de ses représentants légaux."
            : "Cette information vous est remise avant toute évocation de votre situation.";

        return new NoticeRendering(Text(title, status, subjectRef, sections, addressee, minor), Html(title, status, subjectRef, sections, addressee, minor));
    }

    private static string Text(string title, string status, string? subjectRef, List<(string Heading, string Body)> sections, string addressee, bool minor)
    {
        var text = new StringBuilder();
        text.Append(title).Append('\n').Append(new string('=', title.Length)).Append('\n').Append(status).Append('\n');
        if (!string.IsNullOrEmpty(subjectRef))
        {
            text.Append("Référence de la personne : ").Append(subjectRef).Append('\n');
        }

        text.Append('\n').Append(addressee).Append('\n');
        foreach (var (heading, body) in sections)
        {
            text.Append('\n').Append(heading).Append('\n').Append(new string('-', heading.Length)).Append('\n').Append(body).Append('\n');
        }

        text.Append("\nInformation délivrée le : ____________________    par : ____________________\n")
            .Append("Signature de la personne informée : ____________________\n");
        if (minor)
        {
            text.Append("Signature du ou des représentants légaux : ____________________\n");
        }

        return text.ToString();
    }

    private static string Html(string title, string status, string? subjectRef, List<(string Heading, string Body)> sections, string addressee, bool minor)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Encode(title)).Append("</title>\n")
            .Append("<style>\nbody{font-family:serif;max-width:42em;margin:2em auto;line-height:1.4}\nh1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.2em}\n")
            .Append(".signature{margin-top:3em;display:flex;gap:3em}.signature div{flex:1;border-top:1px solid #000;padding-top:.3em}\n")
            .Append("@media print{body{margin:0}.status{font-size:.9em}}\n</style>\n</head>\n<body>\n<article>\n")
            .Append("<h1>").Append(Encode(title)).Append("</h1>\n<p class=\"status\">").Append(Encode(status)).Append("</p>\n");
        if (!string.IsNullOrEmpty(subjectRef))
        {
            html.Append("<p>Référence de la personne : <strong>").Append(Encode(subjectRef)).Append("</strong></p>\n");
        }

        html.Append("<p>").Append(Encode(addressee)).Append("</p>\n");
        foreach (var (heading, body) in sections)
        {
            html.Append("<section>\n<h2>").Append(Encode(heading)).Append("</h2>\n");
            foreach (var paragraph in body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                html.Append("<p>").Append(Encode(paragraph)).Append("</p>\n");
            }

            html.Append("</section>\n");
        }

        html.Append("<p>Information délivrée le : ____________________ par : ____________________</p>\n")
            .Append("<div class=\"signature\"><div>Signature de la personne informée</div>");
        if (minor)
        {
            html.Append("<div>Signature du ou des représentants légaux</div>");
        }

        html.Append("</div>\n</article>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Encode(string value) => s_encoder.Encode(value);

    private static string FrenchDate(DateTimeOffset instant)
    {
        var day = instant.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{day.Day} {s_months[day.Month - 1]} {day.Year}");
    }
}
