using Clspd.ServiceDefaults.Errors;
using Google.Protobuf.WellKnownTypes;

namespace Clspd.ServiceDefaults;

/// <summary>Conversions between contract types (Timestamp, google.type.Date) and .NET time types.</summary>
public static class ProtoConvert
{
    public static Timestamp ToTimestamp(this DateTimeOffset value) => Timestamp.FromDateTimeOffset(value);

    public static Timestamp? ToTimestamp(this DateTimeOffset? value) => value is null ? null : Timestamp.FromDateTimeOffset(value.Value);

    public static Google.Type.Date ToProtoDate(this DateOnly value) => new() { Year = value.Year, Month = value.Month, Day = value.Day };

    /// <summary>A required timestamp; invalid or missing → InvalidArgument naming the field.</summary>
    public static DateTimeOffset RequiredInstant(Timestamp? value, string field)
    {
        if (value is null)
        {
            throw new InvalidRequestException(field, "is required");
        }

        return Instant(value, field);
    }

    /// <summary>An optional timestamp, or the fallback when unset.</summary>
    public static DateTimeOffset InstantOr(Timestamp? value, string field, DateTimeOffset fallback) =>
        value is null ? fallback : Instant(value, field);

    private static DateTimeOffset Instant(Timestamp value, string field)
    {
        if (value.Seconds < -62135596800 || value.Seconds > 253402300799 || value.Nanos < 0 || value.Nanos > 999_999_999)
        {
            throw new InvalidRequestException(field, "is not a valid timestamp");
        }

        return value.ToDateTimeOffset();
    }

    /// <summary>A required calendar date; invalid or missing → InvalidArgument naming the field.</summary>
    public static DateOnly RequiredDate(Google.Type.Date? value, string field)
    {
        if (value is null || (value.Year == 0 && value.Month == 0 && value.Day == 0))
        {
            throw new InvalidRequestException(field, "is required");
        }

        return Date(value, field);
    }

    /// <summary>An optional calendar date, or the fallback when unset.</summary>
    public static DateOnly DateOr(Google.Type.Date? value, string field, DateOnly fallback) =>
        value is null || (value.Year == 0 && value.Month == 0 && value.Day == 0) ? fallback : Date(value, field);

    private static DateOnly Date(Google.Type.Date value, string field)
    {
        if (value.Year is < 1900 or > 2200 || value.Month is < 1 or > 12 || value.Day < 1 || value.Day > DateTime.DaysInMonth(value.Year, value.Month))
        {
            throw new InvalidRequestException(field, $"is not a valid date ({value.Year:D4}-{value.Month:D2}-{value.Day:D2})");
        }

        return new DateOnly(value.Year, value.Month, value.Day);
    }
}
