namespace Clspd.ServiceDefaults.Auth;

/// <summary>Who is calling: the token subject, and whether it is a service or a bootstrap administrator.</summary>
public sealed record Caller(string Subject, bool IsService, bool IsBootstrapAdmin)
{
    /// <summary>The calling service's short name (<c>records</c> for <c>svc:records</c>), or null for a person.</summary>
    public string? Service => IsService ? ServiceIdentity.ServiceNameOf(Subject) : null;
}
