using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.Local.SignIn;

/// <summary>Proof Key for Code Exchange (RFC 7636), S256 only: the plain method is refused.</summary>
public static class Pkce
{
    public const string S256 = "S256";

    /// <summary>The S256 challenge of a verifier: BASE64URL(SHA256(ASCII(verifier))).</summary>
    public static string ChallengeOf(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>Whether a challenge is well formed (43 base64url characters, a SHA-256).</summary>
    public static bool IsWellFormedChallenge(string? challenge) =>
        challenge is { Length: 43 } && challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Whether the verifier (43..128 unreserved characters) hashes to the challenge, compared in fixed time.</summary>
    public static bool Matches(string? verifier, string challenge)
    {
        if (verifier is not { Length: >= 43 and <= 128 } || !verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(ChallengeOf(verifier)), Encoding.ASCII.GetBytes(challenge));
    }
}
