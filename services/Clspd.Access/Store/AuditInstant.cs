using System.Globalization;
using System.Text;

namespace Clspd.Access.Store;

/// <summary>
/// Reads the instants this store writes on SQLite (<c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>, UTC, fixed
/// width) digit by digit; anything else goes through the general parser. Verifying a million
/// entries reads a million instants.
/// </summary>
public static class AuditInstant
{
    public static DateTimeOffset FromSqliteText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (TryParseFixed(text, out var instant))
        {
            return instant;
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
    }

    /// <summary>
    /// The canonical text the audit chain hashes for a stored instant (UTF-8): the stored bytes
    /// themselves when they are already in this store's fixed-width form (all it writes);
    /// otherwise the instant read by the general parser and formatted into
    /// <paramref name="buffer"/> (28 bytes), as <see cref="FromSqliteText"/> reads it; and the
    /// stored bytes again when they are no instant at all, which then cannot match any hash.
    /// </summary>
    public static ReadOnlySpan<byte> CanonicalUtf8(ReadOnlySpan<byte> stored, Span<byte> buffer)
    {
        if (IsCanonical(stored))
        {
            return stored;
        }

        if (DateTimeOffset.TryParse(Encoding.UTF8.GetString(stored), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant) &&
            instant.UtcDateTime.TryFormat(buffer, out var written, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture))
        {
            return buffer[..written];
        }

        return stored;
    }

    /// <summary>
    /// Whether stored bytes are an instant in this store's fixed-width form, a valid date:
    /// formatting what they say gives these same bytes back.
    /// </summary>
    public static bool IsCanonical(ReadOnlySpan<byte> s)
    {
        if (s.Length != 28 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[27] != 'Z')
        {
            return false;
        }

        if (!Digits(s[..4], out var year) || !Digits(s[5..7], out var month) || !Digits(s[8..10], out var day) ||
            !Digits(s[11..13], out var hour) || !Digits(s[14..16], out var minute) || !Digits(s[17..19], out var second) ||
            !Digits(s[20..27], out _))
        {
            return false;
        }

        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            var digit = c - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private static bool TryParseFixed(ReadOnlySpan<char> s, out DateTimeOffset instant)
    {
        instant = default;
        if (s.Length != 28 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[27] != 'Z')
        {
            return false;
        }

        if (!Digits(s[..4], out var year) || !Digits(s[5..7], out var month) || !Digits(s[8..10], out var day) ||
            !Digits(s[11..13], out var hour) || !Digits(s[14..16], out var minute) || !Digits(s[17..19], out var second) ||
            !Digits(s[20..27], out var fraction))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks + fraction;
        instant = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            var digit = c - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
