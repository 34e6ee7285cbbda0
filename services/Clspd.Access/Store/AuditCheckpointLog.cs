using Clspd.Access.Domain;
using Clspd.Access.V1;
using Clspd.ServiceDefaults.Data;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Clspd.Access.Store;

/// <summary>
/// The append-only file of signed checkpoints (ACC-4), next to the database and not inside it:
/// one line per checkpoint, the protobuf JSON of <see cref="AuditCheckpoint"/> (the form
/// <c>clspd audit checkpoint</c> saves), each line flushed to disk before it is answered.
/// </summary>
public sealed class AuditCheckpointLog
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    public AuditCheckpointLog(IOptions<AccessOptions> options, IOptions<DatabaseOptions> databaseOptions, Database database)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(databaseOptions);
        ArgumentNullException.ThrowIfNull(database);
        Path = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(options.Value.Audit.CheckpointFile)
            ? DefaultPath(database, databaseOptions.Value.DataDirectory)
            : options.Value.Audit.CheckpointFile);
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Appends a checkpoint as one line and flushes it to disk; the file is created owner-only.</summary>
    public async Task AppendAsync(SignedCheckpoint checkpoint, CancellationToken ct)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(Path, options);
        await file.WriteAsync(System.Text.Encoding.UTF8.GetBytes(Formatter.Format(ToMessage(checkpoint)) + "\n"), ct);
        file.Flush(flushToDisk: true);
    }

    /// <summary>Every non-blank line of the file in order, with its number (parsed on demand with <see cref="Parse"/>).</summary>
    public async Task<List<(int Line, string Json)>> ReadAsync(CancellationToken ct)
    {
        var lines = new List<(int, string)>();
        if (!File.Exists(Path))
        {
            return lines;
        }

        await using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(file);
        var number = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                lines.Add((number, line));
            }
        }

        return lines;
    }

    /// <summary>The checkpoint a line of JSON holds, or null when it holds none.</summary>
    public static SignedCheckpoint? Parse(string json)
    {
        try
        {
            return FromMessage(JsonParser.Default.Parse<AuditCheckpoint>(json));
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
        catch (InvalidJsonException)
        {
            return null;
        }
    }

    /// <summary>The checkpoint of a message, or null when a field is missing.</summary>
    public static SignedCheckpoint? FromMessage(AuditCheckpoint? message) =>
        message is null || message.SignedAt is null || message.Sequence <= 0 || message.Signature.IsEmpty
            ? null
            : new SignedCheckpoint(message.Sequence, message.HeadHash, message.SignedAt.ToDateTimeOffset(), message.KeyId, message.Signature.ToByteArray());

    public static AuditCheckpoint ToMessage(SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new AuditCheckpoint
        {
            Sequence = checkpoint.Sequence, HeadHash = checkpoint.HeadHash, SignedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(checkpoint.SignedAt),
            KeyId = checkpoint.KeyId, Signature = ByteString.CopyFrom(checkpoint.Signature),
        };
    }

    // Beside the SQLite file (access.db → access.audit-checkpoints.jsonl), else in the data directory.
    private static string DefaultPath(Database database, string dataDirectory)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            var trail = new SqliteConnectionStringBuilder(database.ConnectionString);
            if (!string.IsNullOrEmpty(trail.DataSource) && trail.DataSource != ":memory:" && trail.Mode != SqliteOpenMode.Memory)
            {
                return System.IO.Path.ChangeExtension(System.IO.Path.GetFullPath(trail.DataSource), ".audit-checkpoints.jsonl");
            }
        }

        return System.IO.Path.Combine(dataDirectory, "access.audit-checkpoints.jsonl");
    }
}
