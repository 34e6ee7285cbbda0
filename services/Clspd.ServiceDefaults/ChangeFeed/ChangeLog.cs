using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.ServiceDefaults.ChangeFeed;

/// <summary>
/// The <c>clspd_changes</c> table. A change takes the next revision from the single counter row in
/// the writer's transaction: the row lock serialises writers until commit, so revisions become
/// visible in order and a follower reading "after N" never skips one.
/// </summary>
public static class ChangeLog
{
    private const string NextSqlite = "UPDATE clspd_revision SET revision = revision + 1 WHERE id = 1 RETURNING revision;";
    private const string NextSqlServer = "UPDATE dbo.clspd_revision SET revision = revision + 1 OUTPUT inserted.revision WHERE id = 1;";
    private const string NextPostgres = NextSqlite;

    private const string Insert = """
        INSERT INTO clspd_changes (revision, kind, entity_id, payload, recorded_at)
        VALUES (@Revision, @Kind, @EntityId, @Payload, @RecordedAt)
        """;

    internal static async Task<long> AppendAsync(StoreSession context, string kind, string entityId, byte[] payload)
    {
        var revision = await context.Connection.ExecuteScalarAsync<long>(context.Command(
            context.Dialect(NextSqlite, NextSqlServer, NextPostgres)));
        await context.ExecuteAsync(Insert, new { Revision = revision, Kind = kind, EntityId = entityId, Payload = payload, RecordedAt = context.Now });
        return revision;
    }

    private const string ReadAfterSqlite = """
        SELECT revision AS Revision, kind AS Kind, entity_id AS EntityId, payload AS Payload, recorded_at AS RecordedAt
        FROM clspd_changes WHERE revision > @After ORDER BY revision LIMIT @Limit
        """;

    private const string ReadAfterSqlServer = """
        SELECT TOP (@Limit) revision AS Revision, kind AS Kind, entity_id AS EntityId, payload AS Payload, recorded_at AS RecordedAt
        FROM dbo.clspd_changes WHERE revision > @After ORDER BY revision
        """;

    private const string ReadAfterPostgres = ReadAfterSqlite;

    /// <summary>Reads up to <paramref name="limit"/> committed changes after a revision, in order.</summary>
    public static async Task<IReadOnlyList<ChangeRecord>> ReadAfterAsync(StoreSession s, long after, int limit)
    {
        ArgumentNullException.ThrowIfNull(s);
        var rows = await s.QueryAsync<ChangeRecord>(
            s.Dialect(ReadAfterSqlite, ReadAfterSqlServer, ReadAfterPostgres), new { After = after, Limit = limit });
        return rows.AsList();
    }

    private const string LastChange = "SELECT COALESCE(MAX(revision), 0) FROM clspd_changes";

    /// <summary>The revision of the last committed change (never blocks on a writer's counter lock).</summary>
    public static Task<long> LastChangeRevisionAsync(StoreSession s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.ExecuteScalarAsync<long>(LastChange);
    }

    private const string Current = "SELECT revision FROM clspd_revision WHERE id = 1";

    /// <summary>The last committed revision.</summary>
    public static Task<long> CurrentRevisionAsync(StoreSession s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.ExecuteScalarAsync<long>(Current);
    }
}
