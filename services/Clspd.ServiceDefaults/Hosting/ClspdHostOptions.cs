using Microsoft.AspNetCore.Builder;

namespace Clspd.ServiceDefaults;

/// <summary>How a service or the gateway creates its host.</summary>
public static class ClspdHostOptions
{
    /// <summary>
    /// The host's options: the content root (where <c>appsettings.json</c> is read from) is the directory of the
    /// program's own files, not the working directory, so that a service started from anywhere (a publish output, a
    /// service manager, a container with another working directory) finds its settings. A content root given by the
    /// usual means (<c>--contentRoot</c>, <c>ASPNETCORE_CONTENTROOT</c>, <c>DOTNET_CONTENTROOT</c>) still wins.
    /// </summary>
    public static WebApplicationOptions For(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var given = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase) || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        return new WebApplicationOptions { Args = args, ContentRootPath = given ? null : AppContext.BaseDirectory };
    }
}
