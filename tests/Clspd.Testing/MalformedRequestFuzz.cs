using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Microsoft.Data.Sqlite;

namespace Clspd.Testing;

/// <summary>
/// GW-2 fuzzing: every method of the services of a proto file, found from its descriptor, called
/// with malformed request bodies — seeded random bytes, a truncated message, a wire type that does
/// not exist, a length past the end, a zero tag — each checked to be unparsable for the method's
/// request type before it is sent. The same seed gives the same bodies on every run.
/// </summary>
public static class MalformedRequestFuzz
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    /// <summary>Every method of every service of the file.</summary>
    public static IReadOnlyList<MethodDescriptor> Methods(FileDescriptor file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return [.. file.Services.SelectMany(s => s.Methods)];
    }

    /// <summary>The malformed bodies for a method: the same for a given seed and method, run after run.</summary>
    public static IReadOnlyList<MalformedBody> BodiesFor(MethodDescriptor method, int seed)
    {
        ArgumentNullException.ThrowIfNull(method);
        var input = method.InputType;
        var random = new Random(seed ^ StableHash(method.FullName));
        var field = FieldNumberTag(input);
        byte[] lengthDelimited = [.. Varint((uint)(field << 3 | 2)), 16, .. Enumerable.Repeat((byte)'a', 16)];
        var bodies = new List<MalformedBody>
        {
            new("random bytes", RandomUnparsable(input, random)),
            new("random bytes", RandomUnparsable(input, random)),
            new("truncated message", lengthDelimited[..^4]),
            new("wire type 7 (does not exist)", [.. Varint((uint)(field << 3 | 7)), 0]),
            new("length past the end", [.. Varint((uint)(field << 3 | 2)), .. Varint(1_000_000), 1, 2, 3]),
            new("zero tag", [0, 1]),
        };
        foreach (var body in bodies)
        {
            if (Parses(input, body.Bytes))
            {
                throw new InvalidOperationException($"the {body.Kind} body for {method.FullName} parses as {input.FullName}: the fuzz would test nothing");
            }
        }

        return bodies;
    }

    /// <summary>Sends every body of every method and returns what each got.</summary>
    public static async Task<IReadOnlyList<MalformedAnswer>> CallAllAsync(CallInvoker invoker, FileDescriptor file, Func<CallOptions> options, int seed)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(options);
        var answers = new List<MalformedAnswer>();
        foreach (var method in Methods(file))
        {
            foreach (var body in BodiesFor(method, seed))
            {
                var (status, detail) = await CallAsync(invoker, method, body.Bytes, options());
                answers.Add(new MalformedAnswer(method.FullName, body.Kind, Convert.ToHexString(body.Bytes), status, detail,
                    $"the request is not a valid {method.InputType.FullName} message"));
            }
        }

        return answers;
    }

    /// <summary>
    /// Rows in every table of a service's SQLite file (or of the PostgreSQL database of the host whose data
    /// directory holds that file's name): unchanged when nothing was written.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, long>> RowCountsAsync(string databaseFile)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var postgres = HostDatabases.PostgresOf(Path.GetDirectoryName(databaseFile) ?? ".");
        await using System.Data.Common.DbConnection connection = postgres is not null
            ? new Npgsql.NpgsqlConnection(postgres)
            : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = postgres is not null
                ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
#pragma warning disable CA2100 // The table names come from the file's own sqlite_master, quoted.
            count.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
#pragma warning restore CA2100
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    private static async Task<(StatusCode Status, string Detail)> CallAsync(CallInvoker invoker, MethodDescriptor method, byte[] body, CallOptions options)
    {
        var type = (method.IsClientStreaming, method.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (false, true) => MethodType.ServerStreaming,
            (true, false) => MethodType.ClientStreaming,
            _ => MethodType.DuplexStreaming,
        };
        var call = new Method<byte[], byte[]>(type, method.Service.FullName, method.Name, Bytes, Bytes);
        try
        {
            switch (type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(call, null, options, body).ResponseAsync;
                    break;
                case MethodType.ServerStreaming:
                {
                    using var streaming = invoker.AsyncServerStreamingCall(call, null, options, body);
                    await streaming.ResponseStream.MoveNext(CancellationToken.None);
                    break;
                }

                case MethodType.ClientStreaming:
                {
                    using var streaming = invoker.AsyncClientStreamingCall(call, null, options);
                    await streaming.RequestStream.WriteAsync(body);
                    await streaming.RequestStream.CompleteAsync();
                    await streaming.ResponseAsync;
                    break;
                }

                default:
                {
                    using var streaming = invoker.AsyncDuplexStreamingCall(call, null, options);
                    await streaming.RequestStream.WriteAsync(body);
                    await streaming.RequestStream.CompleteAsync();
                    await streaming.ResponseStream.MoveNext(CancellationToken.None);
                    break;
                }
            }

            return (StatusCode.OK, "");
        }
        catch (RpcException e)
        {
            return (e.StatusCode, e.Status.Detail);
        }
    }

    // Random bytes (1..64 of them) that do not parse: most do not, the first that does not is taken.
    private static byte[] RandomUnparsable(MessageDescriptor input, Random random)
    {
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var bytes = new byte[random.Next(1, 65)];
            random.NextBytes(bytes);
            if (!Parses(input, bytes))
            {
                return bytes;
            }
        }

        throw new InvalidOperationException($"no unparsable random body found for {input.FullName}");
    }

    private static bool Parses(MessageDescriptor input, byte[] bytes)
    {
        try
        {
            input.Parser.ParseFrom(bytes);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }

    // The first field of the message (a known field makes the truncation land in the message's own
    // parsing code, not only in the unknown-field path); 1 for a message without fields.
    private static int FieldNumberTag(MessageDescriptor input) => input.Fields.InFieldNumberOrder().FirstOrDefault()?.FieldNumber ?? 1;

    private static byte[] Varint(uint value)
    {
        var bytes = new List<byte>(5);
        while (value >= 0x80)
        {
            bytes.Add((byte)(value | 0x80));
            value >>= 7;
        }

        bytes.Add((byte)value);
        return [.. bytes];
    }

    // FNV-1a: string.GetHashCode differs from one process to the next.
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)hash;
    }
}
