namespace Clspd.ServiceDefaults.Errors;

/// <summary>
/// Collects every field error of a request, so the caller learns all of them at once, then throws
/// one <see cref="InvalidRequestException"/>.
/// </summary>
public sealed class RequestValidator
{
    private readonly List<FieldError> _errors = [];

    public bool IsValid => _errors.Count == 0;

    public RequestValidator Add(string field, string description)
    {
        _errors.Add(new FieldError(field, description));
        return this;
    }

    public RequestValidator When(bool invalid, string field, string description) =>
        invalid ? Add(field, description) : this;

    /// <summary>A non-blank string of at most <paramref name="maxLength"/> characters.</summary>
    public RequestValidator Required(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, "is required");
        }

        return MaxLength(field, value, maxLength);
    }

    /// <summary>An optional string of at most <paramref name="maxLength"/> characters.</summary>
    public RequestValidator MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters (got {value.Length})");
        }

        return this;
    }

    /// <summary>The client-chosen request id every mutating RPC carries.</summary>
    public RequestValidator RequestId(string? value) => Required("request_id", value, 64);

    /// <summary>A known enum value other than the UNSPECIFIED zero.</summary>
    public RequestValidator Known<TEnum>(string field, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            return Add(field, $"unknown value {Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)}");
        }

        if (Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            return Add(field, "is required (UNSPECIFIED is not a value)");
        }

        return this;
    }

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new InvalidRequestException([.. _errors]);
        }
    }
}
