using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.ServiceDefaults.Auth;

/// <summary>
/// Tokens that passed full validation, keyed by the SHA-256 of the token string, so that a token
/// presented on every call (and at every hop, GW-1) is verified cryptographically once. An entry
/// holds until the token's <c>exp</c> (no clock skew) and only while the key that signed it is
/// still one of the validation keys (a key rollover drops it). Failures are never stored. The
/// cache is bounded: when full, expired entries are swept, and if it is still full nothing new is
/// stored (those tokens are simply validated every time). Once a scheme has authenticated a token
/// (validated, then bound to its issuer by <see cref="TrustedIssuers"/>), the entry also keeps that
/// bound identity, which <see cref="CachingBearerHandler"/> gives to the later calls presenting it.
/// </summary>
public sealed class ValidatedTokenCache(int capacity, TimeProvider clock)
{
    private readonly ConcurrentDictionary<UInt128, Entry> _entries = new();
    private readonly Lock _adding = new();

    /// <summary>The most entries held at once.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Entries currently held.</summary>
    public int Count => _entries.Count;

    /// <summary>The clock the tokens' expiry is read against (the wall clock outside tests).</summary>
    public TimeProvider Clock { get; } = clock;

    internal sealed record Entry(string Token, DateTime ExpiresUtc, SecurityKey SigningKey, SecurityToken SecurityToken, ClaimsIdentity Identity, string Issuer)
    {
        /// <summary>The scheme that authenticated the token and the identity it bound, once it has; read-only from then on.</summary>
        public Authentication? Authenticated { get; set; }
    }

    /// <summary>A token's identity as a scheme bound it (subject, issuer, organisation, councils).</summary>
    internal sealed record Authentication(string Scheme, ClaimsIdentity Identity);

    /// <summary>The key of a token: the first 128 bits of the SHA-256 of its text.</summary>
    internal static UInt128 KeyOf(ReadOnlySpan<char> token)
    {
        var length = Encoding.UTF8.GetMaxByteCount(token.Length);
        var bytes = length <= 4096 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(token, bytes);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes[..written], hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }

    internal bool TryGet(UInt128 key, ReadOnlySpan<char> token, out Entry entry, out bool expired)
    {
        expired = false;
        if (!_entries.TryGetValue(key, out entry!) || !token.SequenceEqual(entry.Token))
        {
            return false;
        }

        if (Clock.GetUtcNow().UtcDateTime >= entry.ExpiresUtc)
        {
            expired = true;
            return false;
        }

        return true;
    }

    internal void Remove(UInt128 key) => _entries.TryRemove(key, out _);

    internal void Add(UInt128 key, Entry entry)
    {
        if (Capacity <= 0)
        {
            return;
        }

        // Only misses get here; one at a time keeps the bound exact.
        lock (_adding)
        {
            AddLocked(key, entry);
        }
    }

    private void AddLocked(UInt128 key, Entry entry)
    {
        if (_entries.Count >= Capacity)
        {
            var now = Clock.GetUtcNow().UtcDateTime;
            foreach (var (k, e) in _entries)
            {
                if (now >= e.ExpiresUtc)
                {
                    _entries.TryRemove(k, out _);
                }
            }

            if (_entries.Count >= Capacity)
            {
                return;
            }
        }

        _entries[key] = entry;
    }
}
