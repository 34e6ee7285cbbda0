namespace Clspd.Testing;

/// <summary>Unix modes of what a service, the local stack or a command wrote.</summary>
public static class FileModes
{
    public const UnixFileMode File = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode Directory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Every folder (the root included) not 0700 and every file not 0600 under <paramref name="root"/>, as
    /// "path mode"; entries removed while walking are left out. Empty on Windows.
    /// </summary>
    public static IReadOnlyList<string> NotOwnerOnly(string root)
    {
        if (OperatingSystem.IsWindows())
        {
            return [];
        }

        var found = new List<string>();
        Check(root, Directory);
        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false }))
        {
            Check(entry.FullName, entry is DirectoryInfo ? Directory : File);
        }

        return found;

        void Check(string path, UnixFileMode expected)
        {
            try
            {
                var mode = System.IO.File.GetUnixFileMode(path);
                if (mode != expected)
                {
                    found.Add($"{path} {Convert.ToString((int)mode, 8)}");
                }
            }
            catch (FileNotFoundException)
            {
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }

    /// <summary>The files directly under a folder, by name (what was written, for a test to check it saw something).</summary>
    public static IReadOnlyList<string> Names(string directory) =>
        [.. new DirectoryInfo(directory).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true }).Select(f => f.Name).Order(StringComparer.Ordinal)];
}
