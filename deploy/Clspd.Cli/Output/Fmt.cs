using System.Globalization;
using System.Text;
using Google.Protobuf.WellKnownTypes;

namespace Clspd.Cli.Output;

/// <summary>How values are shown to people: French dates in Europe/Paris time, enum values in plain words.</summary>
public static class Fmt
{
    private static readonly TimeZoneInfo Paris = FindParis();

    // Acronyms and words that plain splitting would spoil.
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["Clspd"] = "CLSPD", ["Cispd"] = "CISPD", ["Cddf"] = "CDDF", ["ClspdGroup"] = "CLSPD group",
        ["Unspecified"] = "—",
    };

    public static TimeZoneInfo TimeZone => Paris;

    /// <summary>An instant as <c>dd/MM/yyyy HH:mm</c> in Paris time; empty when unset.</summary>
    public static string When(Timestamp? instant) => instant is null ? string.Empty : When(instant.ToDateTimeOffset());

    public static string When(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Paris).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A calendar day as <c>dd/MM/yyyy</c>; empty when unset.</summary>
    public static string Day(Google.Type.Date? date) =>
        date is null || date.Year == 0 ? string.Empty : $"{date.Day:00}/{date.Month:00}/{date.Year:0000}";

    public static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>An enum value in plain words: <c>SpecialisedPrevention</c> → "specialised prevention".</summary>
    public static string Plain<T>(T value) where T : struct, System.Enum
    {
        var name = value.ToString();
        if (Words.TryGetValue(name, out var word))
        {
            return word;
        }

        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    /// <summary>Rule ids and sentence of a decision, e.g. "ACC-1, REC-6 — designated as …".</summary>
    public static string Reasons(IEnumerable<string> ruleIds, string reason)
    {
        var rules = string.Join(", ", ruleIds);
        return rules.Length == 0 ? reason : $"{rules} — {reason}";
    }

    private static TimeZoneInfo FindParis()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
