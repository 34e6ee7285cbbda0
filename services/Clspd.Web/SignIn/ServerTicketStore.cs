using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;

namespace Clspd.Web.SignIn;

/// <summary>
/// Keeps the signed-in session (claims and the saved access and id tokens) in the server's memory:
/// the cookie carries only a random key, so no token ever reaches the browser. A restart signs
/// everybody out, which is acceptable for a console; several instances need sticky sessions.
/// </summary>
public sealed class ServerTicketStore(IMemoryCache cache, TimeProvider clock) : ITicketStore
{
    private const string Prefix = "clspd.web.ticket:";

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        Put(key, ticket);
        return Task.FromResult(key);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        Put(key, ticket);
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) =>
        Task.FromResult(cache.TryGetValue(Prefix + key, out AuthenticationTicket? ticket) ? ticket : null);

    public Task RemoveAsync(string key)
    {
        cache.Remove(Prefix + key);
        return Task.CompletedTask;
    }

    private void Put(string key, AuthenticationTicket ticket)
    {
        // The cache keeps its own clock: give it a lifetime, not an instant of ours.
        var now = clock.GetUtcNow();
        var lifetime = (ticket.Properties.ExpiresUtc ?? now.AddHours(8)) - now;
        cache.Set(Prefix + key, ticket, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime > TimeSpan.Zero ? lifetime : TimeSpan.FromSeconds(1) });
    }
}
