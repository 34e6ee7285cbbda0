using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Registry.Store;

/// <summary>Meetings of a group.</summary>
public sealed class MeetingStore
{
    private const string Insert = """
        INSERT INTO meetings (id, group_id, council_id, meeting_date, place_label, created_at, created_by)
        VALUES (@Id, @GroupId, @CouncilId, @MeetingDate, @PlaceLabel, @CreatedAt, @CreatedBy)
        """;

    public Task InsertAsync(StoreSession s, MeetingRow meeting) => s.ExecuteAsync(Insert, meeting);

    private const string Columns = """
        id AS Id, group_id AS GroupId, council_id AS CouncilId, meeting_date AS MeetingDate, place_label AS PlaceLabel,
        created_at AS CreatedAt, created_by AS CreatedBy
        """;

    private const string SelectOne = $"SELECT {Columns} FROM meetings WHERE id = @Id";

    public Task<MeetingRow?> FindAsync(StoreSession s, string id) =>
        s.QuerySingleOrDefaultAsync<MeetingRow>(SelectOne, new { Id = id });

    private const string SelectForGroup = $"SELECT {Columns} FROM meetings WHERE group_id = @GroupId ORDER BY meeting_date, id";

    public async Task<IReadOnlyList<MeetingRow>> ForGroupAsync(StoreSession s, string groupId) =>
        (await s.QueryAsync<MeetingRow>(SelectForGroup, new { GroupId = groupId })).AsList();

    private const string SameDay = "SELECT COUNT(*) FROM meetings WHERE group_id = @GroupId AND meeting_date = @MeetingDate";

    /// <summary>Whether the group already meets that day (one meeting per group and day).</summary>
    public async Task<bool> ExistsOnAsync(StoreSession s, string groupId, DateOnly date) =>
        await s.ExecuteScalarAsync<long>(SameDay, new { GroupId = groupId, MeetingDate = date }) > 0;
}
