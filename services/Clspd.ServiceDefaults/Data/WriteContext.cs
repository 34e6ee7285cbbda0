using System.Data.Common;
using Clspd.ServiceDefaults.ChangeFeed;
using Dapper;
using Google.Protobuf;

namespace Clspd.ServiceDefaults.Data;

/// <summary>One write transaction: its connection, the instant it runs at, and the change feed.</summary>
public sealed class WriteContext(DbConnection connection, DbTransaction transaction, DatabaseProvider provider, DateTimeOffset now, CancellationToken ct)
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public DatabaseProvider Provider { get; } = provider;

    /// <summary>The instant of the write (from the service's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset Now { get; } = now;

    public CancellationToken CancellationToken { get; } = ct;

    /// <summary>The revision of the last change appended in this transaction (0 if none).</summary>
    public long LastRevision { get; private set; }

    /// <summary>A Dapper command bound to this transaction and cancellation token.</summary>
    public CommandDefinition Command(string sql, object? parameters = null) =>
        new(sql, parameters, Transaction, cancellationToken: CancellationToken);

    public Task<int> ExecuteAsync(string sql, object? parameters = null) => Connection.ExecuteAsync(Command(sql, parameters));

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null) => Connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters));

    public Task<IEnumerable<T>> QueryAsync<T>(string sql, object? parameters = null) => Connection.QueryAsync<T>(Command(sql, parameters));

    /// <summary>Appends a change to the feed in this transaction and returns its revision.</summary>
    public async Task<long> AppendChangeAsync(string kind, string entityId, IMessage payload)
    {
        LastRevision = await ChangeLog.AppendAsync(this, kind, entityId, payload.ToByteArray());
        return LastRevision;
    }
}
