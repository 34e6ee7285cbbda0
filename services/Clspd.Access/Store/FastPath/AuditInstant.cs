using System.Globalization;
using System.Numerics;
using System.Text;

namespace Clspd.Access.Store.FastPath;

/// <summary>
/// Fast path of reading an instant (the reference is Dapper's type handler, which gives the same
/// instant). Reads the instants this store writes on SQLite (<c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c>, UTC, fixed
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
    public static bool IsCanonical(ReadOnlySpan<byte> s) => TryFixed(s, out _);

    private static bool TryParseFixed(ReadOnlySpan<char> s, out DateTimeOffset instant)
    {
        if (!TryFixed(s, out var f))
        {
            instant = default;
            return false;
        }

        instant = new DateTimeOffset(new DateTime(f.Year, f.Month, f.Day, f.Hour, f.Minute, f.Second, DateTimeKind.Utc).Ticks + f.Fraction, TimeSpan.Zero);
        return true;
    }

    // The fixed-width form, read alike from UTF-8 bytes (verification) and from chars (the record reader).
    private static bool TryFixed<T>(ReadOnlySpan<T> s, out Fields fields)
        where T : IBinaryInteger<T>
    {
        fields = default;
        if (s.Length != 28 || At(s, 4) != '-' || At(s, 7) != '-' || At(s, 10) != 'T' || At(s, 13) != ':' || At(s, 16) != ':' || At(s, 19) != '.' ||
            At(s, 27) != 'Z')
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

        fields = new Fields(year, month, day, hour, minute, second, fraction);
        return true;
    }

    private static int At<T>(ReadOnlySpan<T> s, int index)
        where T : IBinaryInteger<T> => int.CreateTruncating(s[index]);

    private static bool Digits<T>(ReadOnlySpan<T> s, out int value)
        where T : IBinaryInteger<T>
    {
        value = 0;
        foreach (var c in s)
        {
            var digit = int.CreateTruncating(c) - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }

    private readonly record struct Fields(int Year, int Month, int Day, int Hour, int Minute, int Second, int Fraction);
}
