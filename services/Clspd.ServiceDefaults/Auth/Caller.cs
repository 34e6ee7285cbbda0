namespace Clspd.ServiceDefaults.Auth;

/// <summary>Who is calling: the token subject, and whether it is a service or a bootstrap administrator.</summary>
public sealed record Caller(string Subject, bool IsService, bool IsBootstrapAdmin)
{
    /// <summary>The calling service's short name (<c>records</c> for <c>svc:records</c>), or null for a person.</summary>
    public string? Service => IsService ? ServiceIdentity.ServiceNameOf(Subject) : null;

    /// <summary>
    /// The caller's organisation: for a service over mutual TLS its certificate's O, otherwise the
    /// organisation of the issuer that authenticated it (<c>Auth:Issuers:{name}:Organisation</c>).
    /// </summary>
    public string? Organisation { get; init; }

    /// <summary>The councils the caller's issuer may act for (empty when the issuer names none).</summary>
    public IReadOnlyList<string> Councils { get; init; } = [];
}
