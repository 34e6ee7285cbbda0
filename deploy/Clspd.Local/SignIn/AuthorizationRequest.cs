namespace Clspd.Local.SignIn;

/// <summary>The parameters of an authorization request, from the query (GET /authorize) or the sign-in form (POST).</summary>
public sealed record AuthorizationRequest(
    string? ClientId, string? RedirectUri, string? ResponseType, string? Scope, string? State, string? Nonce,
    string? CodeChallenge, string? CodeChallengeMethod, string? ResponseMode)
{
    /// <summary>The parameters kept through the sign-in form, by their protocol names.</summary>
    public IEnumerable<(string Name, string? Value)> Parameters =>
    [
        ("client_id", ClientId), ("redirect_uri", RedirectUri), ("response_type", ResponseType), ("scope", Scope), ("state", State),
        ("nonce", Nonce), ("code_challenge", CodeChallenge), ("code_challenge_method", CodeChallengeMethod), ("response_mode", ResponseMode),
    ];

    public bool IsFormPost => ResponseMode == "form_post";

    public static AuthorizationRequest From(Func<string, string?> read) => new(
        read("client_id"), read("redirect_uri"), read("response_type"), read("scope"), read("state"), read("nonce"),
        read("code_challenge"), read("code_challenge_method"), read("response_mode"));

    /// <summary>
    /// Why the request is refused, or null. The client and its redirect URI are checked first: a
    /// request naming another address is never sent back there.
    /// </summary>
    public string? Problem(SignInProviderOptions options)
    {
        if (ClientId != options.ClientId)
        {
            return $"client_id '{ClientId}' is not a registered client (expected {options.ClientId})";
        }

        if (RedirectUri != options.RedirectUri.ToString())
        {
            return $"redirect_uri '{RedirectUri}' is not the registered redirect URI of {options.ClientId}";
        }

        if (ResponseType != "code")
        {
            return $"response_type '{ResponseType}' is not supported: only the authorization code flow (code)";
        }

        if (Scope is null || !Scope.Split(' ').Contains("openid", StringComparer.Ordinal))
        {
            return "scope must contain openid";
        }

        if (CodeChallengeMethod != Pkce.S256)
        {
            return $"code_challenge_method '{CodeChallengeMethod}' is refused: PKCE with S256 is required (plain is not accepted)";
        }

        if (!Pkce.IsWellFormedChallenge(CodeChallenge))
        {
            return "code_challenge must be the 43-character base64url SHA-256 of the verifier";
        }

        return ResponseMode is null or "query" or "form_post" ? null : $"response_mode '{ResponseMode}' is not supported (query or form_post)";
    }
}
