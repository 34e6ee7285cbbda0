using Clspd.Access.Domain;
using Clspd.Access.Store;
using Clspd.Access.Store.FastPath;
using Clspd.ServiceDefaults.Data;

namespace Clspd.Access.Tests.Store;

/// <summary>The trail's pieces as the service wires them on one database: the reference store, the lookup keys, the search through them.</summary>
internal sealed class AuditTrail(Database database)
{
    public Database Database { get; } = database;

    public AuditStore Store { get; } = new();

    public AuditKeyIndex Keys { get; } = new(database);

    public Task<List<AuditRecord>> FindAsync(AuditFilter filter, CancellationToken ct) => new AuditSearch(Database, Store, Keys).FindAsync(filter, ct);

    public Task<long> AppendBatchAsync(IReadOnlyList<AuditRecord> entries, CancellationToken ct) => Database.WriteAsync(s => Store.AppendAsync(s, entries), ct);

    /// <summary>Starts the service's audit writer on this trail; disposing the result stops it.</summary>
    public async Task<RunningWriter> StartWriterAsync(CancellationToken ct)
    {
        var writer = new AuditWriter(Database, Keys, Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditWriter>.Instance);
        await writer.StartAsync(ct);
        return new RunningWriter(writer);
    }
}

/// <summary>An audit writer started by a test, stopped when disposed.</summary>
internal sealed class RunningWriter(AuditWriter writer) : IAsyncDisposable
{
    public AuditWriter Writer => writer;

    public ValueTask DisposeAsync() => new(writer.StopAsync(CancellationToken.None));
}
