using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Consent.Store;

/// <summary>
/// REC-7: erasing a destroyed person — the subject, its representatives and groups, its informings
/// and decisions (receipts are decisions) and every change-feed entry and stored response about
/// them, in one transaction. Only counts stay (REC-11): the decisions per council, purpose, decision
/// and day, and one more erased subject of the council.
/// </summary>
public sealed class ErasureStore
{
    private const string Council = "SELECT council_id FROM subjects WHERE subject_ref = @SubjectRef";
    private const string DecisionsOf = "SELECT id AS Id, purpose AS Purpose, decision AS Decision, decided_at AS DecidedAt FROM decisions WHERE subject_ref = @SubjectRef";
    private const string InformingIds = "SELECT id FROM informings WHERE subject_ref = @SubjectRef";

    private const string AddDecisionCountSqlite = """
        INSERT INTO erased_decision_counts (council_id, purpose, decision, decided_on, count) VALUES (@CouncilId, @Purpose, @Decision, @DecidedOn, @Count)
        ON CONFLICT (council_id, purpose, decision, decided_on) DO UPDATE SET count = count + excluded.count
        """;

    private const string AddDecisionCountSqlServer = """
        MERGE dbo.erased_decision_counts WITH (HOLDLOCK) AS t
        USING (SELECT @CouncilId AS council_id, @Purpose AS purpose, @Decision AS decision, @DecidedOn AS decided_on) AS s
        ON t.council_id = s.council_id AND t.purpose = s.purpose AND t.decision = s.decision AND t.decided_on = s.decided_on
        WHEN MATCHED THEN UPDATE SET count = t.count + @Count
        WHEN NOT MATCHED THEN INSERT (council_id, purpose, decision, decided_on, count) VALUES (@CouncilId, @Purpose, @Decision, @DecidedOn, @Count);
        """;

    // PostgreSQL sees both the table's and excluded's column in the update: the table's is named.
    private const string AddDecisionCountPostgres = """
        INSERT INTO erased_decision_counts (council_id, purpose, decision, decided_on, count) VALUES (@CouncilId, @Purpose, @Decision, @DecidedOn, @Count)
        ON CONFLICT (council_id, purpose, decision, decided_on) DO UPDATE SET count = erased_decision_counts.count + excluded.count
        """;

    private const string AddSubjectCountSqlite = """
        INSERT INTO erased_subject_counts (council_id, count) VALUES (@CouncilId, 1)
        ON CONFLICT (council_id) DO UPDATE SET count = count + 1
        """;

    private const string AddSubjectCountSqlServer = """
        MERGE dbo.erased_subject_counts WITH (HOLDLOCK) AS t
        USING (SELECT @CouncilId AS council_id) AS s ON t.council_id = s.council_id
        WHEN MATCHED THEN UPDATE SET count = t.count + 1
        WHEN NOT MATCHED THEN INSERT (council_id, count) VALUES (@CouncilId, 1);
        """;

    private const string AddSubjectCountPostgres = """
        INSERT INTO erased_subject_counts (council_id, count) VALUES (@CouncilId, 1)
        ON CONFLICT (council_id) DO UPDATE SET count = erased_subject_counts.count + 1
        """;

    // Children first, the subject last.
    private static readonly string[] DeleteRows =
    [
        "DELETE FROM decisions WHERE subject_ref = @SubjectRef",
        "DELETE FROM informings WHERE subject_ref = @SubjectRef",
        "DELETE FROM subject_representatives WHERE subject_ref = @SubjectRef",
        "DELETE FROM subject_groups WHERE subject_ref = @SubjectRef",
        "DELETE FROM subjects WHERE subject_ref = @SubjectRef",
    ];

    /// <summary>Erases everything about a subject; returns what was erased (nothing when consent held nothing about it).</summary>
    public async Task<(bool Erased, int Informings, int Decisions)> EraseAsync(StoreSession s, string subjectRef)
    {
        var p = new { SubjectRef = subjectRef };
        var council = await s.QuerySingleOrDefaultAsync<string>(Council, p);
        var decisions = (await s.QueryAsync<ErasedDecision>(DecisionsOf, p)).AsList();
        var informings = (await s.QueryAsync<string>(InformingIds, p)).AsList();
        if (council is null && decisions.Count == 0 && informings.Count == 0)
        {
            return (false, 0, 0);
        }

        foreach (var g in decisions.GroupBy(d => (d.Purpose, d.Decision, Day: new DateTimeOffset(d.DecidedAt.UtcDateTime.Date, TimeSpan.Zero))))
        {
            await s.ExecuteAsync(s.Dialect(AddDecisionCountSqlite, AddDecisionCountSqlServer, AddDecisionCountPostgres),
                new { CouncilId = council ?? "", g.Key.Purpose, g.Key.Decision, DecidedOn = g.Key.Day, Count = g.Count() });
        }

        if (council is not null)
        {
            await s.ExecuteAsync(s.Dialect(AddSubjectCountSqlite, AddSubjectCountSqlServer, AddSubjectCountPostgres), new { CouncilId = council });
        }

        foreach (var sql in DeleteRows)
        {
            await s.ExecuteAsync(sql, p);
        }

        await Forgetting.ChangesOfAsync(s, [subjectRef, .. informings, .. decisions.Select(d => d.Id)]);
        await Forgetting.RequestsAboutAsync(s, [subjectRef]);
        return (true, informings.Count, decisions.Count);
    }

    private const string ErasedDecisionsOfCouncil = """
        SELECT purpose AS Purpose, decision AS Decision, SUM(count) AS Count
        FROM erased_decision_counts WHERE council_id = @CouncilId AND decided_on >= @From AND decided_on < @To
        GROUP BY purpose, decision
        """;

    /// <summary>REC-11: erased subjects' decisions of a council in [from, to), per purpose and decision (each at the start of its day).</summary>
    public async Task<IReadOnlyList<DecisionCountRow>> CountErasedDecisionsAsync(StoreSession s, string councilId, DateTimeOffset from, DateTimeOffset to) =>
        (await s.QueryAsync<DecisionCountRow>(ErasedDecisionsOfCouncil, new { CouncilId = councilId, From = from, To = to })).AsList();

    private const string ErasedSubjectsOfCouncil = "SELECT COALESCE(SUM(count), 0) FROM erased_subject_counts WHERE council_id = @CouncilId";

    /// <summary>REC-11: subjects of a council erased so far.</summary>
    public async Task<int> CountErasedSubjectsAsync(StoreSession s, string councilId) =>
        (int)await s.ExecuteScalarAsync<long>(ErasedSubjectsOfCouncil, new { CouncilId = councilId });

    private sealed class ErasedDecision
    {
        public string Id { get; init; } = "";

        public long Purpose { get; init; }

        public long Decision { get; init; }

        public DateTimeOffset DecidedAt { get; init; }
    }
}
