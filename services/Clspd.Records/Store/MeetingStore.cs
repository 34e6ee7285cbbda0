using Clspd.ServiceDefaults.Data;

namespace Clspd.Records.Store;

/// <summary>REC-9: meeting agendas with working sheets (purged after the meeting) and decisions per case (kept).</summary>
public sealed class MeetingStore
{
    private const string Closed = "SELECT COUNT(*) FROM closed_meetings WHERE meeting_id = @MeetingId";

    public async Task<bool> IsClosedAsync(StoreSession s, string meetingId) => await s.ExecuteScalarAsync<long>(Closed, new { MeetingId = meetingId }) > 0;

    private const string UpsertSqlite = """
        INSERT INTO agenda_items (meeting_id, case_id, group_id, meeting_date, sheet_cipher, added_at, added_by)
        VALUES (@MeetingId, @CaseId, @GroupId, @MeetingDate, @Sheet, @Now, @By)
        ON CONFLICT (meeting_id, case_id) DO UPDATE SET sheet_cipher = excluded.sheet_cipher, added_at = excluded.added_at, added_by = excluded.added_by
        """;

    private const string UpsertSqlServer = """
        MERGE dbo.agenda_items WITH (HOLDLOCK) AS t USING (SELECT @MeetingId AS meeting_id, @CaseId AS case_id) AS s
        ON t.meeting_id = s.meeting_id AND t.case_id = s.case_id
        WHEN MATCHED THEN UPDATE SET sheet_cipher = @Sheet, added_at = @Now, added_by = @By
        WHEN NOT MATCHED THEN INSERT (meeting_id, case_id, group_id, meeting_date, sheet_cipher, added_at, added_by)
            VALUES (@MeetingId, @CaseId, @GroupId, @MeetingDate, @Sheet, @Now, @By);
        """;

    // PostgreSQL takes SQLite's upsert as written.
    private const string UpsertPostgres = UpsertSqlite;

    private const string AgendaSize = "SELECT COUNT(*) FROM agenda_items WHERE meeting_id = @MeetingId";

    /// <summary>Puts a case on the agenda (or replaces its sheet); returns the agenda size.</summary>
    public async Task<int> PutAsync(StoreSession w, string meetingId, string caseId, string groupId, DateOnly meetingDate, byte[]? sheet, string by)
    {
        await w.ExecuteAsync(w.Dialect(UpsertSqlite, UpsertSqlServer, UpsertPostgres),
            new { MeetingId = meetingId, CaseId = caseId, GroupId = groupId, MeetingDate = meetingDate, Sheet = sheet, w.Now, By = by });
        return (int)await w.ExecuteScalarAsync<long>(AgendaSize, new { MeetingId = meetingId });
    }

    private const string OnAgenda = "SELECT COUNT(*) FROM agenda_items WHERE meeting_id = @MeetingId AND case_id = @CaseId";

    public async Task<bool> IsOnAgendaAsync(StoreSession s, string meetingId, string caseId) =>
        await s.ExecuteScalarAsync<long>(OnAgenda, new { MeetingId = meetingId, CaseId = caseId }) > 0;

    private const string MeetingsOfCase = "SELECT meeting_id FROM agenda_items WHERE case_id = @CaseId ORDER BY meeting_id";

    /// <summary>The meetings whose agenda holds the case now (agendas not yet purged, REC-9): what an occasional attendee's access rests on (ACC-1).</summary>
    public async Task<IReadOnlyList<string>> MeetingsOfCaseAsync(StoreSession s, string caseId) =>
        [.. await s.QueryAsync<string>(MeetingsOfCase, new { CaseId = caseId })];

    private const string CasesOnAgenda = "SELECT case_id FROM agenda_items WHERE meeting_id = @MeetingId ORDER BY case_id";

    /// <summary>The cases on a meeting's agenda.</summary>
    public async Task<IReadOnlyList<string>> CasesOnAgendaAsync(StoreSession s, string meetingId) =>
        [.. await s.QueryAsync<string>(CasesOnAgenda, new { MeetingId = meetingId })];

    private const string InsertDecision = """
        INSERT INTO meeting_decisions (id, meeting_id, case_id, decision, recorded_at, recorded_by) VALUES (@Id, @MeetingId, @CaseId, @Decision, @Now, @By)
        """;

    public async Task<string> RecordDecisionAsync(StoreSession w, string meetingId, string caseId, int decision, string by)
    {
        var id = Guid.CreateVersion7(w.Now).ToString();
        await w.ExecuteAsync(InsertDecision, new { Id = id, MeetingId = meetingId, CaseId = caseId, Decision = decision, w.Now, By = by });
        return id;
    }

    private const string Close = "INSERT INTO closed_meetings (meeting_id, closed_at, closed_by) VALUES (@MeetingId, @Now, @By)";

    private const string PurgeAgenda = "DELETE FROM agenda_items WHERE meeting_id = @MeetingId";

    private const string Decisions = "SELECT COUNT(*) FROM meeting_decisions WHERE meeting_id = @MeetingId";

    /// <summary>REC-9: closes the meeting and purges its agenda and sheets; returns purged entries and decisions kept.</summary>
    public async Task<(int Purged, int Kept)> CloseAsync(StoreSession w, string meetingId, string by)
    {
        await w.ExecuteAsync(Close, new { MeetingId = meetingId, w.Now, By = by });
        var purged = await w.ExecuteAsync(PurgeAgenda, new { MeetingId = meetingId });
        return (purged, (int)await w.ExecuteScalarAsync<long>(Decisions, new { MeetingId = meetingId }));
    }

    private const string PurgePast = "DELETE FROM agenda_items WHERE meeting_date < @Today";

    /// <summary>REC-9: the lifecycle job purges what is left of past meetings' agendas, closed or not.</summary>
    public Task<int> PurgePastAsync(StoreSession w, DateOnly today) => w.ExecuteAsync(PurgePast, new { Today = today });
}
