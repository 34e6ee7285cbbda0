using System.Data.Common;
using Clspd.ServiceDefaults.ChangeFeed;
using Dapper;
using Google.Protobuf;

namespace Clspd.ServiceDefaults.Data;

/// <summary>
/// What every store method runs on: one open connection, the transaction of a write (none for a
/// read), the provider, the instant of the work (from the service's <see cref="TimeProvider"/>) and
/// the cancellation token. A session lives inside one <see cref="Database.ReadAsync{T}"/> or
/// <see cref="Database.WriteAsync{T}(Func{StoreSession, Task{T}}, CancellationToken)"/> call and is
/// never kept across a call to another service.
/// </summary>
public sealed class StoreSession(DbConnection connection, DbTransaction? transaction, DatabaseProvider provider, DateTimeOffset now, CancellationToken ct)
{
    public DbConnection Connection { get; } = connection;

    /// <summary>The write transaction, or null for a read.</summary>
    public DbTransaction? Transaction { get; } = transaction;

    public DatabaseProvider Provider { get; } = provider;

    /// <summary>Whether the session runs in a write transaction.</summary>
    public bool IsWrite => Transaction is not null;

    /// <summary>The instant of the work (from the service's <see cref="TimeProvider"/>).</summary>
    public DateTimeOffset Now { get; } = now;

    public CancellationToken CancellationToken { get; } = ct;

    /// <summary>The revision of the last change appended in this transaction (0 if none).</summary>
    public long LastRevision { get; private set; }

    /// <summary>
    /// A Dapper command bound to this session's transaction and cancellation token; on SQL Server its
    /// ASCII strings go as VARCHAR (<see cref="SqlServerParameters"/>), on PostgreSQL its lists are
    /// read as arrays (<see cref="PostgresStatements"/>).
    /// </summary>
    public CommandDefinition Command(string sql, object? parameters = null) => Provider switch
    {
        DatabaseProvider.SqlServer => new(sql, SqlServerParameters.Typed(parameters), Transaction, cancellationToken: CancellationToken),
        DatabaseProvider.Postgres => new(PostgresStatements.Adapt(sql), parameters, Transaction, cancellationToken: CancellationToken),
        _ => new(sql, parameters, Transaction, cancellationToken: CancellationToken),
    };

    public Task<int> ExecuteAsync(string sql, object? parameters = null) => Connection.ExecuteAsync(Command(sql, parameters));

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters = null) => Connection.ExecuteScalarAsync<T>(Command(sql, parameters));

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters = null) => Connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters));

    public Task<T?> QueryFirstOrDefaultAsync<T>(string sql, object? parameters = null) => Connection.QueryFirstOrDefaultAsync<T>(Command(sql, parameters));

    public Task<T> QuerySingleAsync<T>(string sql, object? parameters = null) => Connection.QuerySingleAsync<T>(Command(sql, parameters));

    public Task<IEnumerable<T>> QueryAsync<T>(string sql, object? parameters = null) => Connection.QueryAsync<T>(Command(sql, parameters));

    /// <summary>The form of a statement for this session's provider.</summary>
    public string Dialect(string sqlite, string sqlServer, string postgres) => Provider switch
    {
        DatabaseProvider.Sqlite => sqlite,
        DatabaseProvider.SqlServer => sqlServer,
        _ => postgres,
    };

    /// <summary>Appends a change to the feed in this transaction and returns its revision.</summary>
    public async Task<long> AppendChangeAsync(string kind, string entityId, IMessage payload)
    {
        if (Transaction is null)
        {
            throw new InvalidOperationException("A change is appended only in a write session.");
        }

        LastRevision = await ChangeLog.AppendAsync(this, kind, entityId, payload.ToByteArray());
        return LastRevision;
    }
}
