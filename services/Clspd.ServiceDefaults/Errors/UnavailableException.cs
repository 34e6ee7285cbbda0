namespace Clspd.ServiceDefaults.Errors;

/// <summary>A dependency (database, another service) cannot answer now: maps to <c>Unavailable</c>.</summary>
public sealed class UnavailableException(string message, Exception? inner = null) : ClspdException(message)
{
    public Exception? Cause { get; } = inner;
}
