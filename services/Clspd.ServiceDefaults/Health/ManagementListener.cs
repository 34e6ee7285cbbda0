using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Clspd.ServiceDefaults.Health;

/// <summary>
/// The management listener of <see cref="ServiceOptions.ManagementListen"/>: HTTP/1.1 and cleartext, so that
/// kubelet's <c>httpGet</c> probes and Docker's health check reach <c>/healthz</c> and <c>/readyz</c> while the
/// service itself speaks only HTTP/2 (h2c on loopback, mutual TLS elsewhere). It serves nothing else: any other
/// path on its port gets 404, so that it opens no way around TLS or the bearer token.
/// </summary>
public static class ManagementListener
{
    public const string Key = ServiceOptions.Section + ":ManagementListen";

    /// <summary>The configured address, checked: <c>http://</c>, an explicit port; null when none is set.</summary>
    public static Uri? Address(IConfiguration configuration) => Address(configuration, Key);

    /// <summary>The address under <paramref name="key"/> (the web console's <c>Web:ManagementListen</c>), checked as <see cref="Address(IConfiguration)"/>.</summary>
    public static Uri? Address(IConfiguration configuration, string key)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.Port <= 0 || uri.AbsolutePath != "/")
        {
            throw new InvalidOperationException($"{key} is {value}: give an http:// address with a port and no path, e.g. http://0.0.0.0:8081 (HTTP/1.1, health only)");
        }

        return uri;
    }

    internal static void RefuseWith(Uri? management, string otherSettings)
    {
        if (management is not null)
        {
            throw new InvalidOperationException(
                $"{Key} is set together with {otherSettings}, which would be ignored: set Service:Listen instead, or add the management endpoint to Kestrel:Endpoints (Protocols Http1)");
        }
    }

    /// <summary>On the management port, only the health paths; elsewhere, nothing changes.</summary>
    public static IApplicationBuilder UseManagementListener(this IApplicationBuilder app) => app.UseManagementListener(Key);

    /// <summary>As <see cref="UseManagementListener(IApplicationBuilder)"/>, for the address under <paramref name="key"/>.</summary>
    public static IApplicationBuilder UseManagementListener(this IApplicationBuilder app, string key)
    {
        ArgumentNullException.ThrowIfNull(app);
        var management = Address((IConfiguration)app.ApplicationServices.GetService(typeof(IConfiguration))!, key);
        if (management is null)
        {
            return app;
        }

        var port = management.Port;
        return app.Use((context, next) =>
        {
            if (context.Connection.LocalPort != port
                || context.Request.Path == HealthEndpoints.LivePath
                || context.Request.Path == HealthEndpoints.ReadyPath)
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return context.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"port {port} serves {HealthEndpoints.LivePath} and {HealthEndpoints.ReadyPath} only"));
        });
    }
}
