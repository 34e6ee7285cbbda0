namespace Clspd.Web.Hosting;

/// <summary>
/// The headers of every answer: a content security policy with no inline script or style, no
/// framing, no sniffing, no referrer.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy; <paramref name="authorityOrigin"/> may receive form posts (sign-out goes through it).</summary>
    public static string ContentSecurityPolicy(string authorityOrigin) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; " +
        $"form-action 'self' {authorityOrigin}; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, Uri authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var policy = ContentSecurityPolicy(authority.GetLeftPart(UriPartial.Authority));
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                if (!headers.ContainsKey("Cache-Control") && context.Request.Path.StartsWithSegments("/css") is false && context.Request.Path.StartsWithSegments("/js") is false)
                {
                    // Pages show personal data: never kept by the browser or a proxy.
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
