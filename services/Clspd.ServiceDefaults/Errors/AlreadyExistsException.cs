namespace Clspd.ServiceDefaults.Errors;

/// <summary>A duplicate of something that must be unique: maps to <c>AlreadyExists</c>.</summary>
public sealed class AlreadyExistsException(string message) : ClspdException(message);
