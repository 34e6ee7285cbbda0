using System.Text;

namespace Clspd.ServiceDefaults.Files;

/// <summary>
/// Files and folders holding data or keys, created readable by their owner only (files 0600,
/// folders 0700 on Unix) from the moment they exist: never world-readable, not even for an instant.
/// Existing files and folders keep the mode they have; on Windows the folder's access rules apply.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder, and each missing parent, mode 0700.</summary>
    public static DirectoryInfo CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }

        // Directory.CreateDirectory(path, mode) gives the mode to the last folder only: the missing parents are made one by one.
        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); !string.IsNullOrEmpty(folder) && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            missing.Push(folder);
        }

        while (missing.TryPop(out var folder))
        {
            Directory.CreateDirectory(folder, DirectoryMode);
        }

        return new DirectoryInfo(path);
    }

    /// <summary>Creates the folder a file goes into (see <see cref="CreateDirectory"/>), when the path has one.</summary>
    public static void CreateParentDirectory(string filePath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(filePath));
        if (!string.IsNullOrEmpty(directory))
        {
            CreateDirectory(directory);
        }
    }

    /// <summary>Options of a stream that creates (or truncates) a file, created mode 0600.</summary>
    public static FileStreamOptions Create(System.IO.FileMode mode = System.IO.FileMode.Create)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }

    /// <summary>
    /// Writes a whole file atomically: a temporary file created mode 0600 beside it, then moved over
    /// it (a reader never sees half a key).
    /// </summary>
    public static void WriteAllText(string path, string contents, bool overwrite = true)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        using (var stream = new FileStream(temp, Create()))
        {
            stream.Write(Encoding.UTF8.GetBytes(contents));
        }

        try
        {
            File.Move(temp, path, overwrite);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Creates an empty file mode 0600 unless it exists. For a SQLite database this is enough: SQLite
    /// gives its <c>-wal</c>, <c>-shm</c> and journal files the mode of the database file, and treats an
    /// empty file as an empty database.
    /// </summary>
    public static void EnsureFile(string path)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using (new FileStream(path, Create(System.IO.FileMode.CreateNew)))
                {
                }

                return;
            }
            catch (IOException) when (File.Exists(path))
            {
                // Already there (perhaps created by another process a moment ago): its mode is kept.
                return;
            }
            catch (IOException) when (attempt < 10 && Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(path))))
            {
                // It was there when the creation failed and is gone now (deleted in between, as a derived
                // file being rebuilt is): create it again.
            }
        }
    }
}
