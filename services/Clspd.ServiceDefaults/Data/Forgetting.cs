using System.Text.Json;

namespace Clspd.ServiceDefaults.Data;

/// <summary>
/// REC-7: what a service's shared tables keep about a destroyed person goes with them — the stored
/// responses of calls about the person (<see cref="RequestKey.About"/>) and the change-feed entries
/// of their rows — in the caller's transaction. Followers behind the removed revisions simply never
/// see them: what they described no longer exists.
/// </summary>
public static class Forgetting
{
    // The references travel as one JSON array, whatever their number (no parameter per id).
    private const string RequestsSqlite = "DELETE FROM clspd_request_log WHERE subject_ref IN (SELECT value FROM json_each(@Ids))";
    private const string RequestsSqlServer = "DELETE FROM dbo.clspd_request_log WHERE subject_ref IN (SELECT id FROM OPENJSON(@Ids) WITH (id VARCHAR(64) '$'))";
    private const string ChangesSqlite = "DELETE FROM clspd_changes WHERE entity_id IN (SELECT value FROM json_each(@Ids))";
    private const string RequestsPostgres = "DELETE FROM clspd_request_log WHERE subject_ref IN (SELECT value FROM json_array_elements_text(CAST(@Ids AS json)))";
    private const string ChangesPostgres = "DELETE FROM clspd_changes WHERE entity_id IN (SELECT value FROM json_array_elements_text(CAST(@Ids AS json)))";
    private const string ChangesSqlServer = "DELETE FROM dbo.clspd_changes WHERE entity_id IN (SELECT id FROM OPENJSON(@Ids) WITH (id VARCHAR(64) '$'))";

    /// <summary>Removes the stored responses of every call about these persons; returns how many.</summary>
    public static Task<int> RequestsAboutAsync(StoreSession w, IEnumerable<string> subjectRefs)
    {
        ArgumentNullException.ThrowIfNull(w);
        return w.ExecuteAsync(w.Dialect(RequestsSqlite, RequestsSqlServer, RequestsPostgres), new { Ids = JsonSerializer.Serialize(subjectRefs) });
    }

    /// <summary>Removes the change-feed entries of these entities (a person's reference, a case's id, ...); returns how many.</summary>
    public static Task<int> ChangesOfAsync(StoreSession w, IEnumerable<string> entityIds)
    {
        ArgumentNullException.ThrowIfNull(w);
        return w.ExecuteAsync(w.Dialect(ChangesSqlite, ChangesSqlServer, ChangesPostgres), new { Ids = JsonSerializer.Serialize(entityIds) });
    }

    private const string Expired = "DELETE FROM clspd_request_log WHERE recorded_at < @Before";

    /// <summary>Removes the stored responses older than <paramref name="before"/> (their retry window is over); returns how many.</summary>
    public static Task<int> ExpiredRequestsAsync(StoreSession w, DateTimeOffset before)
    {
        ArgumentNullException.ThrowIfNull(w);
        return w.ExecuteAsync(Expired, new { Before = before });
    }
}
