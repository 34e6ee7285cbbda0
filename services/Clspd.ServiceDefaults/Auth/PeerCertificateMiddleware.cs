using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Http;

namespace Clspd.ServiceDefaults.Auth;

/// <summary>
/// Adds the identity of the connection's client certificate (a peer service, mutual TLS) next to
/// the bearer token's: <see cref="CallerResolver"/> counts a service token only with it.
/// </summary>
public sealed class PeerCertificateMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Connection.ClientCertificate is not null)
        {
            var peer = await context.AuthenticateAsync(CertificateAuthenticationDefaults.AuthenticationScheme);
            if (peer is { Succeeded: true, Principal.Identity: System.Security.Claims.ClaimsIdentity identity })
            {
                context.User.AddIdentity(identity);
            }
        }

        await next(context);
    }
}
