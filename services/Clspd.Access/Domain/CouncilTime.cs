namespace Clspd.Access.Domain;

/// <summary>The calendar day of an instant in the council's time zone (an occasional attendee's meeting day, ACC-1).</summary>
public static class CouncilTime
{
    public static DateOnly DayOf(DateTimeOffset instant, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);
    }
}
