namespace Clspd.Cli;

/// <summary>The session token kept by <c>clspd login</c>, readable by its owner only (mode 600).</summary>
public sealed class TokenStore(CliEnvironment environment)
{
    public string FilePath => Path.Combine(environment.HomeDirectory, "token");

    public string? Read() => File.Exists(FilePath) ? File.ReadAllText(FilePath).Trim() is { Length: > 0 } token ? token : null : null;

    public void Write(string token)
    {
        Directory.CreateDirectory(environment.HomeDirectory);
        var temp = FilePath + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.WriteLine(token);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temp, FilePath, overwrite: true);
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
