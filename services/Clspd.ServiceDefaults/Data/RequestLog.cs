using Dapper;

namespace Clspd.ServiceDefaults.Data;

/// <summary>The <c>clspd_request_log</c> table: the first response of every mutating call.</summary>
internal static class RequestLog
{
    internal sealed class Entry
    {
        public string Method { get; init; } = "";

        public string RequestHash { get; init; } = "";

        public byte[] Response { get; init; } = [];
    }

    private const string FindSqlite = """
        SELECT method AS Method, request_hash AS RequestHash, response AS Response
        FROM clspd_request_log WHERE caller = @Caller AND request_id = @RequestId
        """;

    // UPDLOCK + HOLDLOCK: a concurrent retry with the same key waits for this transaction instead
    // of racing it to the insert.
    private const string FindSqlServer = """
        SELECT method AS Method, request_hash AS RequestHash, response AS Response
        FROM dbo.clspd_request_log WITH (UPDLOCK, HOLDLOCK) WHERE caller = @Caller AND request_id = @RequestId
        """;

    // A row lock cannot be taken on a row that does not exist yet: a transaction-scoped advisory lock on
    // the key makes a concurrent retry wait for this transaction, as UPDLOCK + HOLDLOCK does on SQL Server.
    private const string FindPostgres = """
        SELECT pg_advisory_xact_lock(hashtextextended(@Caller || chr(31) || @RequestId, 0));
        SELECT method AS Method, request_hash AS RequestHash, response AS Response
        FROM clspd_request_log WHERE caller = @Caller AND request_id = @RequestId
        """;

    public static async Task<Entry?> FindAsync(StoreSession context, RequestKey key)
    {
        var sql = context.Dialect(FindSqlite, FindSqlServer, FindPostgres);
        if (context.Provider != DatabaseProvider.Postgres)
        {
            return await context.Connection.QuerySingleOrDefaultAsync<Entry>(context.Command(sql, new { key.Caller, key.RequestId }));
        }

        await using var results = await context.Connection.QueryMultipleAsync(context.Command(sql, new { key.Caller, key.RequestId }));
        await results.ReadAsync();
        return await results.ReadSingleOrDefaultAsync<Entry>();
    }

    private const string Save = """
        INSERT INTO clspd_request_log (caller, request_id, method, request_hash, response, recorded_at, subject_ref)
        VALUES (@Caller, @RequestId, @Method, @RequestHash, @Response, @RecordedAt, @SubjectRef)
        """;

    public static Task SaveAsync(StoreSession context, RequestKey key, byte[] response) =>
        context.ExecuteAsync(Save, new { key.Caller, key.RequestId, key.Method, key.RequestHash, Response = response, RecordedAt = context.Now, key.SubjectRef });
}
