using Microsoft.Extensions.Options;

namespace Clspd.ServiceDefaults.Auth;

/// <summary>Gives the bearer token this service calls the other services with.</summary>
public sealed class ServiceTokenProvider(
    IOptions<ServiceAuthOptions> serviceAuth, IOptions<AuthOptions> auth, ServiceIdentity service) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    private readonly Lock _gate = new();
    private LocalIssuer? _issuer;
    private string? _token;
    private DateTimeOffset _renewAt;

    public string? GetToken()
    {
        var o = serviceAuth.Value;
        if (!string.IsNullOrWhiteSpace(o.SigningKeyFile))
        {
            lock (_gate)
            {
                // Token lifetimes are checked against the wall clock by the receiver, whatever the domain clock.
                var now = DateTimeOffset.UtcNow;
                if (_token is null || now >= _renewAt)
                {
                    _issuer ??= LocalIssuer.Load(o.SigningKeyFile, auth.Value.Issuer, auth.Value.Audience);
                    _token = _issuer.Mint(service.PrincipalSubject, Lifetime, now);
                    _renewAt = now + Lifetime / 2;
                }

                return _token;
            }
        }

        if (!string.IsNullOrWhiteSpace(o.TokenFile) && File.Exists(o.TokenFile))
        {
            return File.ReadAllText(o.TokenFile).Trim();
        }

        return string.IsNullOrWhiteSpace(o.Token) ? null : o.Token;
    }

    public void Dispose() => _issuer?.Dispose();
}
