using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Clspd.ServiceDefaults.ChangeFeed;
using Clspd.ServiceDefaults.Errors;
using Clspd.ServiceDefaults.Telemetry;
using Dapper;
using Google.Protobuf;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Clspd.ServiceDefaults.Data;

/// <summary>
/// The service's database: opens connections for the configured provider and runs writes in one
/// transaction together with their change-feed entries and their request-log entry.
/// </summary>
public sealed class Database
{
    /// <summary>How many times a write losing a race on a unique key is run before its error is let through.</summary>
    public const int MaxAttemptsAfterUniqueViolation = 3;

    private readonly ChangeSignal _signal;
    private readonly TimeProvider _time;
    private volatile bool _sqliteFileReady;

    public Database(IOptions<DatabaseOptions> options, ServiceIdentity service, ChangeSignal signal, TimeProvider time)
    {
        _signal = signal;
        _time = time;
        var o = options.Value;
        Provider = o.Provider;
        ConnectionString = ResolveConnectionString(o, service.Name);
        DapperTypeHandlers.Register();
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static string ResolveConnectionString(DatabaseOptions options, string serviceName)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new OptionsValidationException(DatabaseOptions.Section, typeof(DatabaseOptions),
                [$"Database:ConnectionString is required when Database:Provider is {options.Provider}"]);
        }

        var path = Path.GetFullPath(Path.Combine(options.DataDirectory, serviceName + ".db"));
        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        if (Provider == DatabaseProvider.Sqlite && !_sqliteFileReady)
        {
            // Whoever opens first (migrations normally), the file and its folder are created owner-only.
            Migrator.PrepareSqliteFile(ConnectionString);
            _sqliteFileReady = true;
        }

        DbConnection connection = Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteConnection(ConnectionString),
            DatabaseProvider.SqlServer => new SqlConnection(ConnectionString),
            _ => new Npgsql.NpgsqlConnection(ConnectionString),
        };
        try
        {
            await connection.OpenAsync(ct);
            if (Provider == DatabaseProvider.Sqlite)
            {
                // Per connection: a commit is on disk when it returns (nothing acknowledged is lost), and what is
                // deleted is overwritten with zeros rather than left in free pages (REC-7: destruction is real).
                await connection.ExecuteAsync(new CommandDefinition("PRAGMA synchronous = FULL; PRAGMA secure_delete = ON;", cancellationToken: ct));
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // The OpenTelemetry name of the database system, for the activities.
    private string SystemName => Provider switch
    {
        DatabaseProvider.Sqlite => "sqlite",
        DatabaseProvider.SqlServer => "mssql",
        _ => "postgresql",
    };

    /// <summary>Runs a read on its own connection, as a session without a transaction.</summary>
    public async Task<T> ReadAsync<T>(Func<StoreSession, Task<T>> read, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        using var activity = ClspdActivities.Database.StartActivity("db read", ActivityKind.Client);
        activity?.SetTag("db.system", SystemName);
        await using var connection = await OpenAsync(ct);
        return await read(new StoreSession(connection, null, Provider, _time.GetUtcNow(), ct));
    }

    /// <summary>Runs a write in one transaction; followers of the change feed are woken after commit.</summary>
    public async Task<T> WriteAsync<T>(Func<StoreSession, Task<T>> write, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await WriteAsync(connection, write, ct);
    }

    /// <summary>
    /// Runs a write in one transaction on a connection the caller opened with <see cref="OpenAsync"/> and
    /// keeps, for work done in many transactions (its page cache and settings last from one to the next).
    /// </summary>
    public async Task<T> WriteAsync<T>(DbConnection connection, Func<StoreSession, Task<T>> write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(write);
        using var activity = ClspdActivities.Database.StartActivity("db write", ActivityKind.Client);
        activity?.SetTag("db.system", SystemName);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        var context = new StoreSession(connection, transaction, Provider, _time.GetUtcNow(), ct);
        var result = await write(context);
        await transaction.CommitAsync(ct);
        if (context.LastRevision > 0)
        {
            _signal.Notify(context.LastRevision);
        }

        return result;
    }

    /// <summary>
    /// Runs a mutating RPC at most once per (caller, request id): a retry returns the stored first
    /// response; the same request id with a different request is refused.
    /// </summary>
    /// <remarks>
    /// On a server database two requests can both find a natural key free and then both insert it: the
    /// second insert waits for the first transaction and fails on the unique index. That transaction is
    /// rolled back and <paramref name="write"/> runs again from the start, so that it finds what the first
    /// committed and answers as the rules say (a refusal, or the existing row), never as an internal error.
    /// <paramref name="write"/> must therefore keep no state outside its session.
    /// </remarks>
    public async Task<TResponse> WriteOnceAsync<TResponse>(
        RequestKey key, MessageParser<TResponse> parser, Func<StoreSession, Task<TResponse>> write, CancellationToken ct)
        where TResponse : IMessage<TResponse>
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteOnceInOneTransactionAsync(key, parser, write, ct);
            }
            catch (DbException ex) when (attempt < MaxAttemptsAfterUniqueViolation && DbErrors.IsUniqueViolation(ex))
            {
                // Lost a race on a unique key to a transaction now committed: run again and see it.
            }
        }
    }

    private async Task<TResponse> WriteOnceInOneTransactionAsync<TResponse>(
        RequestKey key, MessageParser<TResponse> parser, Func<StoreSession, Task<TResponse>> write, CancellationToken ct)
        where TResponse : IMessage<TResponse>
    {
        return await WriteAsync(async context =>
        {
            var existing = await RequestLog.FindAsync(context, key);
            if (existing is not null)
            {
                if (!string.Equals(existing.Method, key.Method, StringComparison.Ordinal) ||
                    !string.Equals(existing.RequestHash, key.RequestHash, StringComparison.Ordinal))
                {
                    throw new InvalidRequestException("request_id",
                        $"was already used for a different request ({existing.Method}); choose a new request_id");
                }

                return parser.ParseFrom(existing.Response);
            }

            var response = await write(context);
            await RequestLog.SaveAsync(context, key, response.ToByteArray());
            return response;
        }, ct);
    }
}
