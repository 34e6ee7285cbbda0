using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Records.Store;

/// <summary>REC-7: the erasures consent still has to acknowledge (<c>subject_erasures</c>).</summary>
public sealed class ErasureOutboxStore
{
    private const string DueSqlite = """
        SELECT subject_ref FROM subject_erasures WHERE next_attempt_at <= @Now ORDER BY next_attempt_at, subject_ref LIMIT @Limit
        """;

    private const string DueSqlServer = """
        SELECT TOP (@Limit) subject_ref FROM dbo.subject_erasures WHERE next_attempt_at <= @Now ORDER BY next_attempt_at, subject_ref
        """;

    private const string DuePostgres = DueSqlite;

    /// <summary>Up to <paramref name="limit"/> erasures due for an attempt at <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<string>> DueAsync(StoreSession s, DateTimeOffset now, int limit) =>
        (await s.QueryAsync<string>(s.Dialect(DueSqlite, DueSqlServer, DuePostgres), new { Now = now, Limit = limit })).AsList();

    private const string Acknowledged = "DELETE FROM subject_erasures WHERE subject_ref = @SubjectRef";

    /// <summary>Consent acknowledged: the last trace of the reference here goes.</summary>
    public Task<int> AcknowledgedAsync(StoreSession w, string subjectRef) => w.ExecuteAsync(Acknowledged, new { SubjectRef = subjectRef });

    private const string Postpone = "UPDATE subject_erasures SET attempts = attempts + 1, next_attempt_at = @Next WHERE subject_ref = @SubjectRef";

    /// <summary>Consent did not answer: tried again at <paramref name="next"/>.</summary>
    public Task<int> PostponeAsync(StoreSession w, string subjectRef, DateTimeOffset next) => w.ExecuteAsync(Postpone, new { SubjectRef = subjectRef, Next = next });

    private const string Pending = "SELECT COUNT(*) FROM subject_erasures";

    /// <summary>Erasures not acknowledged yet.</summary>
    public async Task<int> PendingAsync(StoreSession s) => (int)await s.ExecuteScalarAsync<long>(Pending);
}
