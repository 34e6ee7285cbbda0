namespace Clspd.ServiceDefaults.Errors;

/// <summary>One invalid field of a request: its proto field path and what is wrong with it.</summary>
public sealed record FieldError(string Field, string Description);
