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
}
