using System.Net;
using Microsoft.AspNetCore.Http;

namespace Clspd.Local.SignIn;

/// <summary>
/// The development sign-in hands out any subject's tokens to whoever asks: it only ever listens on a
/// loopback address, and answers 403 to a request whose remote address is not loopback (a proxy
/// or a port forwarded from elsewhere).
/// </summary>
public static class LoopbackOnly
{
    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>Whether an address may be listened on: http:// on a loopback IP literal.</summary>
    public static bool IsLoopbackListen(Uri listen) =>
        listen.Scheme == Uri.UriSchemeHttp && IPAddress.TryParse(listen.Host.Trim('[', ']'), out var ip) && IsLoopback(ip);

    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!IsLoopback(context.Connection.RemoteIpAddress))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("La connexion de développement n'est servie qu'en boucle locale (loopback).", context.RequestAborted);
            return;
        }

        await next(context);
    }
}
