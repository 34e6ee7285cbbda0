namespace Clspd.Deploy.Tests;

/// <summary>docs/operations.md, the configuration reference the deployments are checked against.</summary>
internal static class OperationsDoc
{
    /// <summary>A setting as the reference writes it: <c>Auth__BootstrapAdmins__0</c> → <c>Auth:BootstrapAdmins</c>.</summary>
    public static string SettingName(string environmentKey)
    {
        var parts = environmentKey.Split("__").Where(p => !int.TryParse(p, out _)).ToList();
        // Gateway:Backends:{name} is one setting per backend.
        if (parts is ["Gateway", "Backends", _])
        {
            return "Gateway:Backends";
        }

        return string.Join(':', parts);
    }
}
