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

    public static Task<Entry?> FindAsync(StoreSession context, RequestKey key) =>
        context.Connection.QuerySingleOrDefaultAsync<Entry>(context.Command(
            context.Provider == DatabaseProvider.Sqlite ? FindSqlite : FindSqlServer,
            new { key.Caller, key.RequestId }));

    private const string Save = """
        INSERT INTO clspd_request_log (caller, request_id, method, request_hash, response, recorded_at, subject_ref)
        VALUES (@Caller, @RequestId, @Method, @RequestHash, @Response, @RecordedAt, @SubjectRef)
        """;

    public static Task SaveAsync(StoreSession context, RequestKey key, byte[] response) =>
        context.ExecuteAsync(Save, new { key.Caller, key.RequestId, key.Method, key.RequestHash, Response = response, RecordedAt = context.Now, key.SubjectRef });
}
