using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.Local.SignIn;

/// <summary>Authorization codes in memory: random, short-lived, exchanged once (a second exchange finds nothing).</summary>
public sealed class AuthorizationCodes(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, CodeGrant> _codes = new(StringComparer.Ordinal);

    public string Issue(CodeGrant grant)
    {
        // Expired codes nobody came for go when the next one is issued.
        var now = clock.GetUtcNow();
        foreach (var stale in _codes.Where(c => c.Value.ExpiresAt <= now).Select(c => c.Key))
        {
            _codes.TryRemove(stale, out _);
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = grant;
        return code;
    }

    /// <summary>The grant of a code, removed so that it is never exchanged again; null when unknown, used or expired.</summary>
    public CodeGrant? Redeem(string? code) =>
        code is not null && _codes.TryRemove(code, out var grant) && grant.ExpiresAt > clock.GetUtcNow() ? grant : null;
}
