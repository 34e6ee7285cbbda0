using System.Text.Json;
using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Records.Store;

/// <summary>
/// REC-4 / REC-7 in bulk: closing follow-ups at 25 and destroying what is due, a bounded batch per
/// transaction so readers are never held up for long. The deletion log gets counts and codes only.
/// </summary>
public sealed class LifecycleStore
{
    // The ids of a batch travel as one parameter holding a JSON array, whatever the batch size: a list
    // expanded into one parameter per id would exceed SQL Server's 2,100 parameters at the largest
    // batches, and SQLite looks each of its names up in a list, which made a batch's cost grow with
    // the square of its size.
    private const string IdsSqlite = "(SELECT value FROM json_each(@Ids))";

    private const string IdsSqlServer = "(SELECT id FROM OPENJSON(@Ids) WITH (id VARCHAR(64) '$'))";

    // The same arrays as rows with a named column (value), for statements that select from them.
    private const string RowsSqlite = "(SELECT value FROM json_each(@Ids))";

    private const string RowsSqlServer = "(SELECT value FROM OPENJSON(@Ids) WITH (value VARCHAR(64) '$'))";

    // PostgreSQL reads the array's elements as text rows named value, which serves both forms.
    private const string IdsPostgres = "(SELECT value FROM json_array_elements_text(CAST(@Ids AS json)))";

    private static IdStatements For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => SqliteStatements,
        DatabaseProvider.SqlServer => SqlServerStatements,
        _ => PostgresIdStatements,
    };

    private static string Json(IEnumerable<string> ids) => JsonSerializer.Serialize(ids);

    private const string ReachedLimitSqlite = """
        SELECT c.id FROM cases c JOIN persons p ON p.subject_ref = c.subject_ref
        WHERE c.status = 'ACTIVE' AND p.turns_25_on <= @Today ORDER BY c.id LIMIT @Batch
        """;

    private const string ReachedLimitSqlServer = """
        SELECT TOP (@Batch) c.id FROM dbo.cases c JOIN dbo.persons p ON p.subject_ref = c.subject_ref
        WHERE c.status = 'ACTIVE' AND p.turns_25_on <= @Today ORDER BY c.id
        """;

    private const string ReachedLimitPostgres = ReachedLimitSqlite;

    private const string CloseAtLimit = """
        UPDATE cases SET status = 'ARCHIVED',
            end_date = (SELECT p.turns_25_on FROM persons p WHERE p.subject_ref = cases.subject_ref),
            destroy_on = (SELECT p.turns_25_on FROM persons p WHERE p.subject_ref = cases.subject_ref),
            closed_at = @Now, closed_by = 'lifecycle'
        WHERE id IN {ids} AND status = 'ACTIVE'
        """;

    /// <summary>REC-4: closes up to <paramref name="batch"/> active cases of persons who reached 25; returns how many.</summary>
    public async Task<int> CloseAtAgeLimitAsync(StoreSession w, DateOnly today, int batch)
    {
        var ids = (await w.QueryAsync<string>(w.Dialect(ReachedLimitSqlite, ReachedLimitSqlServer, ReachedLimitPostgres), new { Today = today, Batch = batch })).AsList();
        return ids.Count == 0 ? 0 : await w.ExecuteAsync(For(w.Provider).CloseAtLimit, new { Ids = Json(ids), w.Now });
    }

    private const string DueCasesSqlite = """
        SELECT c.id AS Id, c.subject_ref AS SubjectRef, c.council_id AS CouncilId, CASE WHEN c.destroy_on >= p.turns_25_on THEN 'age_limit' ELSE 'archive_period_elapsed' END AS Reason
        FROM cases c JOIN persons p ON p.subject_ref = c.subject_ref
        WHERE c.status = 'ARCHIVED' AND c.destroy_on <= @Today ORDER BY c.destroy_on, c.id LIMIT @Batch
        """;

    private const string DueCasesSqlServer = """
        SELECT TOP (@Batch) c.id AS Id, c.subject_ref AS SubjectRef, c.council_id AS CouncilId, CASE WHEN c.destroy_on >= p.turns_25_on THEN 'age_limit' ELSE 'archive_period_elapsed' END AS Reason
        FROM dbo.cases c JOIN dbo.persons p ON p.subject_ref = c.subject_ref
        WHERE c.status = 'ARCHIVED' AND c.destroy_on <= @Today ORDER BY c.destroy_on, c.id
        """;

    private const string DueCasesPostgres = DueCasesSqlite;

    // Children first (foreign keys), the case last.
    private static readonly string[] DeleteCaseRows =
    [
        "DELETE FROM follow_ups WHERE case_id IN {ids}",
        "DELETE FROM actions WHERE case_id IN {ids}",
        "DELETE FROM judicial_measures WHERE case_id IN {ids}",
        "DELETE FROM information_items WHERE case_id IN {ids}",
        "DELETE FROM referrals WHERE case_id IN {ids}",
        "DELETE FROM case_moves WHERE case_id IN {ids}",
        "DELETE FROM agenda_items WHERE case_id IN {ids}",
        "DELETE FROM meeting_decisions WHERE case_id IN {ids}",
        "DELETE FROM cases WHERE id IN {ids}",
    ];

    private const string PersonsLeftWithoutCase = """
        SELECT p.subject_ref FROM persons p
        WHERE p.subject_ref IN {ids} AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.subject_ref = p.subject_ref)
        """;

    /// <summary>
    /// REC-7: destroys up to <paramref name="batch"/> due archived cases with all their rows, and
    /// the persons left without any case (key first); returns how many cases and persons.
    /// </summary>
    public async Task<(int Cases, int Persons)> DestroyDueCasesAsync(StoreSession w, DateOnly today, int batch)
    {
        var due = (await w.QueryAsync<DueRow>(w.Dialect(DueCasesSqlite, DueCasesSqlServer, DueCasesPostgres), new { Today = today, Batch = batch })).AsList();
        if (due.Count == 0)
        {
            return (0, 0);
        }

        var ids = new { Ids = Json(due.Select(d => d.Id)) };
        foreach (var sql in For(w.Provider).DeleteCaseRows)
        {
            await w.ExecuteAsync(sql, ids);
        }

        await LogAsync(w, "case", due);
        // REC-7: the change feed kept the cases' ids and bodies; they go with the cases.
        await Forgetting.ChangesOfAsync(w, due.Select(d => d.Id));
        var refs = new { Ids = Json(due.Select(d => d.SubjectRef).Distinct(StringComparer.Ordinal)) };
        var left = (await w.QueryAsync<string>(For(w.Provider).PersonsLeftWithoutCase, refs)).ToHashSet(StringComparer.Ordinal);
        var persons = due.Where(d => left.Contains(d.SubjectRef)).DistinctBy(d => d.SubjectRef).ToList();
        if (persons.Count > 0)
        {
            await DestroyPersonsAsync(w, persons.Select(p => p.SubjectRef));
            await LogAsync(w, "person", persons);
        }

        return (due.Count, persons.Count);
    }

    private const string DuePersonsSqlite = """
        SELECT p.subject_ref AS Id, p.council_id AS CouncilId, CASE WHEN p.turns_25_on <= @Today THEN 'age_limit' ELSE 'archive_period_elapsed' END AS Reason
        FROM persons p
        WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.subject_ref = p.subject_ref) AND (p.turns_25_on <= @Today OR p.created_at <= @Cutoff)
        ORDER BY p.subject_ref LIMIT @Batch
        """;

    private const string DuePersonsSqlServer = """
        SELECT TOP (@Batch) p.subject_ref AS Id, p.council_id AS CouncilId, CASE WHEN p.turns_25_on <= @Today THEN 'age_limit' ELSE 'archive_period_elapsed' END AS Reason
        FROM dbo.persons p
        WHERE NOT EXISTS (SELECT 1 FROM dbo.cases c WHERE c.subject_ref = p.subject_ref) AND (p.turns_25_on <= @Today OR p.created_at <= @Cutoff)
        ORDER BY p.subject_ref
        """;

    private const string DuePersonsPostgres = DuePersonsSqlite;

    // The data key first: without it the identity is unreadable anywhere.
    private static readonly string[] DeletePersonRows =
    [
        "DELETE FROM person_keys WHERE subject_ref IN {ids}",
        "DELETE FROM rectifications WHERE subject_ref IN {ids}",
        "DELETE FROM persons WHERE subject_ref IN {ids}",
    ];

    // REC-7: queued for consent in the same transaction, so the erasure there cannot be lost (see ErasureOutbox).
    private const string QueueErasure = """
        INSERT INTO subject_erasures (subject_ref, queued_at, attempts, next_attempt_at)
        SELECT i.value, @Now, 0, @Now FROM {ids} i WHERE NOT EXISTS (SELECT 1 FROM subject_erasures e WHERE e.subject_ref = i.value)
        """;

    private static async Task DestroyPersonsAsync(StoreSession w, IEnumerable<string> subjectRefs)
    {
        var refs = subjectRefs.ToList();
        var ids = new { Ids = Json(refs), w.Now };
        foreach (var sql in For(w.Provider).DeletePersonRows)
        {
            await w.ExecuteAsync(sql, ids);
        }

        // What the shared tables kept about them: the responses stored for retries, the change feed's entries.
        await Forgetting.RequestsAboutAsync(w, refs);
        await Forgetting.ChangesOfAsync(w, refs);
        await w.ExecuteAsync(For(w.Provider).QueueErasure, ids);
    }

    /// <summary>
    /// REC-7: destroys persons with no case left who reached 25 or were recorded longer than the
    /// archive period ago. The data key goes first: without it the identity is unreadable anywhere.
    /// </summary>
    public async Task<int> DestroyDuePersonsAsync(StoreSession w, DateOnly today, DateTimeOffset cutoff, int batch)
    {
        var due = (await w.QueryAsync<DueRow>(w.Dialect(DuePersonsSqlite, DuePersonsSqlServer, DuePersonsPostgres),
            new { Today = today, Cutoff = cutoff, Batch = batch })).AsList();
        if (due.Count == 0)
        {
            return 0;
        }

        await DestroyPersonsAsync(w, due.Select(d => d.Id));
        await LogAsync(w, "person", due);
        return due.Count;
    }

    // Read-only counts for progress: the same conditions as the batches above, no lock held beyond the read.
    private const string CountDueSql = """
        SELECT
            (SELECT COUNT(*) FROM cases c JOIN persons p ON p.subject_ref = c.subject_ref WHERE c.status = 'ACTIVE' AND p.turns_25_on <= @Today)
          + (SELECT COUNT(*) FROM cases c WHERE c.status = 'ARCHIVED' AND c.destroy_on <= @Today)
          + (SELECT COUNT(*) FROM persons p WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.subject_ref = p.subject_ref)
                AND (p.turns_25_on <= @Today OR p.created_at <= @Cutoff))
        """;

    /// <summary>
    /// Work still due (REC-4, REC-7): active follow-ups of persons who reached 25, archived cases
    /// past their destruction date, persons without a case due for destruction.
    /// </summary>
    public async Task<int> CountDueAsync(StoreSession s, DateOnly today, DateTimeOffset cutoff) => await s.ExecuteScalarAsync<int>(CountDueSql, new { Today = today, Cutoff = cutoff });

    private const string InsertLog = """
        INSERT INTO deletion_log (id, destroyed_at, council_id, kind, reason, count) VALUES (@Id, @DestroyedAt, @CouncilId, @Kind, @Reason, @Count)
        """;

    // One entry per council and reason: what, when, why and how many — nothing that identifies anyone.
    private static async Task LogAsync(StoreSession w, string kind, List<DueRow> due)
    {
        foreach (var g in due.GroupBy(d => (d.CouncilId, d.Reason)))
        {
            await w.ExecuteAsync(InsertLog, new DeletionLogRow
            {
                Id = Guid.CreateVersion7(w.Now).ToString(), DestroyedAt = w.Now, CouncilId = g.Key.CouncilId, Kind = kind, Reason = g.Key.Reason, Count = g.Count(),
            });
        }
    }

    private const string SelectLogSqlite = """
        SELECT id AS Id, destroyed_at AS DestroyedAt, council_id AS CouncilId, kind AS Kind, reason AS Reason, count AS Count
        FROM deletion_log ORDER BY id DESC LIMIT @Limit
        """;

    private const string SelectLogSqlServer = """
        SELECT TOP (@Limit) id AS Id, destroyed_at AS DestroyedAt, council_id AS CouncilId, kind AS Kind, reason AS Reason, count AS Count
        FROM dbo.deletion_log ORDER BY id DESC
        """;

    private const string SelectLogPostgres = SelectLogSqlite;

    public async Task<IReadOnlyList<DeletionLogRow>> DeletionLogAsync(StoreSession s, int limit) =>
        (await s.QueryAsync<DeletionLogRow>(s.Dialect(SelectLogSqlite, SelectLogSqlServer, SelectLogPostgres), new { Limit = limit })).AsList();

    // After the statements they are made of: static fields are initialised in the order of the text.
    private static readonly IdStatements SqliteStatements = new(IdsSqlite, RowsSqlite);

    private static readonly IdStatements SqlServerStatements = new(IdsSqlServer, RowsSqlServer);

    private static readonly IdStatements PostgresIdStatements = new(IdsPostgres, IdsPostgres);

    // The statements that take a batch of ids, with the provider's way of reading the JSON array in place of {ids}.
    private sealed class IdStatements(string ids, string rows)
    {
        public string QueueErasure { get; } = With(LifecycleStore.QueueErasure, rows);

        public string CloseAtLimit { get; } = With(LifecycleStore.CloseAtLimit, ids);

        public string[] DeleteCaseRows { get; } = [.. LifecycleStore.DeleteCaseRows.Select(sql => With(sql, ids))];

        public string PersonsLeftWithoutCase { get; } = With(LifecycleStore.PersonsLeftWithoutCase, ids);

        public string[] DeletePersonRows { get; } = [.. LifecycleStore.DeletePersonRows.Select(sql => With(sql, ids))];

        private static string With(string sql, string ids) => sql.Replace("{ids}", ids, StringComparison.Ordinal);
    }
}
