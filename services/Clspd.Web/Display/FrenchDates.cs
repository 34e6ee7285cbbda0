using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace Clspd.Web.Display;

/// <summary>Dates as French people read them, in Paris time, with "now" from the injected clock.</summary>
public sealed class FrenchDates(TimeProvider clock)
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Now, in Paris.</summary>
    public DateTimeOffset Now => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Paris);

    /// <summary>Today's date in words, e.g. "dimanche 29 novembre 2026".</summary>
    public string Today => Now.ToString("dddd d MMMM yyyy", French);

    /// <summary>An instant as "29/11/2026 à 10:00" in Paris time; empty when unset.</summary>
    public static string When(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Paris).ToString("dd/MM/yyyy 'à' HH:mm", French);

    public static string When(Timestamp? instant) => instant is null ? string.Empty : When(instant.ToDateTimeOffset());

    /// <summary>A calendar day as "29/11/2026"; empty when unset.</summary>
    public static string Day(Google.Type.Date? date) =>
        date is null || date.Year == 0 ? string.Empty : new DateOnly(date.Year, date.Month, date.Day).ToString("dd/MM/yyyy", French);

    /// <summary>The start of a Paris calendar day as an instant.</summary>
    public static Timestamp StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return Timestamp.FromDateTimeOffset(new DateTimeOffset(local, Paris.GetUtcOffset(local)));
    }
}
