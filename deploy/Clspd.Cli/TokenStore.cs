using Clspd.ServiceDefaults.Files;

namespace Clspd.Cli;

/// <summary>The session token kept by <c>clspd login</c>, readable by its owner only (mode 600).</summary>
public sealed class TokenStore(CliEnvironment environment)
{
    public string FilePath => Path.Combine(environment.HomeDirectory, "token");

    public string? Read() => File.Exists(FilePath) ? File.ReadAllText(FilePath).Trim() is { Length: > 0 } token ? token : null : null;

    public void Write(string token)
    {
        // The folder 0700 and the file 0600 from their creation; written whole, then moved in place.
        OwnerOnly.CreateDirectory(environment.HomeDirectory);
        OwnerOnly.WriteAllText(FilePath, token + Environment.NewLine);
    }

    public bool Delete()
    {
        if (!File.Exists(FilePath))
        {
            return false;
        }

        File.Delete(FilePath);
        return true;
    }
}
