using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Clspd.Cli.Output;
using Google.Protobuf.WellKnownTypes;

namespace Clspd.Cli.Commands;

/// <summary>Options as people type them: enum values in words, French or ISO dates, instants in Paris time.</summary>
public static class Opt
{
    private static readonly string[] DayFormats = ["dd/MM/yyyy", "yyyy-MM-dd"];
    private static readonly string[] InstantFormats = ["dd/MM/yyyy HH:mm", "dd/MM/yyyy", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"];

    public static Option<string> Text(string name, string description, bool required = true) =>
        new(name) { Description = description, Required = required };

    public static Option<string?> Optional(string name, string description) => new(name) { Description = description };

    public static Option<string?> RequestId() => new("--request-id")
    {
        Description = "Idempotency key: repeating the command with the same id returns the first answer instead of a duplicate (default: a fresh id)",
    };

    /// <summary>An enum option: values in words (<c>specialised-prevention</c>), the proto name is accepted too.</summary>
    public static Option<long> ConsentRevision() => new("--min-consent-revision")
    {
        Description = "Consent revision you have seen, e.g. the one a withdrawal printed: the check waits until access knows it (CON-4, ACC-7)",
    };

    public static Option<T> Enum<T>(string name, string description, bool required = true) where T : struct, System.Enum
    {
        var values = Known<T>();
        var option = new Option<T>(name)
        {
            Description = description,
            Required = required,
            CustomParser = result => Parse(result, name, result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty, values),
        };
        return Words(option, values);
    }

    /// <summary>A repeatable enum option (<c>--reason a --reason b</c> or <c>--reason a b</c>), values typed as in <see cref="Enum{T}"/>.</summary>
    public static Option<T[]> Enums<T>(string name, string description, bool required = true) where T : struct, System.Enum
    {
        var values = Known<T>();
        var option = new Option<T[]>(name)
        {
            Description = description,
            Required = required,
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result => [.. result.Tokens.Select(t => Parse(result, name, t.Value, values))],
        };
        return Words(option, values);
    }

    public static Option<Google.Type.Date?> Date(string name, string description, bool required = false) => new(name)
    {
        Description = description + " (dd/mm/yyyy or yyyy-mm-dd)",
        Required = required,
        CustomParser = result =>
        {
            var typed = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (DateOnly.TryParseExact(typed, DayFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return new Google.Type.Date { Year = day.Year, Month = day.Month, Day = day.Day };
            }

            result.AddError($"{name}: '{typed}' is not a date (dd/mm/yyyy or yyyy-mm-dd)");
            return null;
        },
    };

    public static Option<Timestamp?> Instant(string name, string description, bool required = false) => new(name)
    {
        Description = description + " (dd/mm/yyyy [hh:mm] Paris time, or ISO 8601 with offset)",
        Required = required,
        CustomParser = result =>
        {
            var typed = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (ParseInstant(typed) is { } instant)
            {
                return Timestamp.FromDateTimeOffset(instant);
            }

            result.AddError($"{name}: '{typed}' is not a date and time (dd/mm/yyyy hh:mm, or ISO 8601 with offset)");
            return null;
        },
    };

    public static DateTimeOffset? ParseInstant(string typed)
    {
        if (DateTime.TryParseExact(typed, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, Fmt.TimeZone.GetUtcOffset(local));
        }

        return DateTimeOffset.TryParse(typed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var absolute) && typed.Contains('T', StringComparison.Ordinal)
            ? absolute
            : null;
    }

    private static List<T> Known<T>() where T : struct, System.Enum =>
        [.. System.Enum.GetValues<T>().Where(v => Convert.ToInt32(v, CultureInfo.InvariantCulture) != 0)];

    private static T Parse<T>(ArgumentResult result, string name, string typed, List<T> values) where T : struct, System.Enum
    {
        var key = Normalize(typed);
        foreach (var value in values)
        {
            if (key == Normalize(value.ToString()) || key == Normalize(typeof(T).Name) + Normalize(value.ToString()))
            {
                return value;
            }
        }

        result.AddError($"{name}: '{typed}' is not one of {string.Join(", ", values.Select(Token))}");
        return default;
    }

    private static Option<TValue> Words<TValue, T>(Option<TValue> option, List<T> values) where T : struct, System.Enum
    {
        option.HelpName = string.Join('|', values.Select(Token));
        option.CompletionSources.Clear();
        option.CompletionSources.Add([.. values.Select(Token)]);
        return option;
    }

    /// <summary>How a value is typed: <c>SpecialisedPrevention</c> → <c>specialised-prevention</c>.</summary>
    public static string Token<T>(T value) where T : struct, System.Enum => Fmt.Plain(value).Replace(' ', '-').ToLowerInvariant();

    private static string Normalize(string text) => new([.. text.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
}
