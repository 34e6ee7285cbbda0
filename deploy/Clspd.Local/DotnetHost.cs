namespace Clspd.Local;

/// <summary>The <c>dotnet</c> executable that runs the services: DOTNET_HOST_PATH (set by the SDK), this process's host, or dotnet on PATH.</summary>
public static class DotnetHost
{
    public static string Resolve()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        return "dotnet";
    }
}
