namespace Clspd.ServiceDefaults.Auth;

/// <summary>Who is calling: the token subject, and whether it is a service or a bootstrap administrator.</summary>
public sealed record Caller(string Subject, bool IsService, bool IsBootstrapAdmin);
