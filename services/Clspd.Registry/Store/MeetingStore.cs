using System.Data.Common;
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

    public Task InsertAsync(StoreSession w, MeetingRow meeting) => w.ExecuteAsync(Insert, meeting);

    private const string Columns = """
        id AS Id, group_id AS GroupId, council_id AS CouncilId, meeting_date AS MeetingDate, place_label AS PlaceLabel,
        created_at AS CreatedAt, created_by AS CreatedBy
        """;

    private const string SelectOne = $"SELECT {Columns} FROM meetings WHERE id = @Id";

    public Task<MeetingRow?> FindAsync(DbConnection connection, DbTransaction? transaction, string id, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<MeetingRow>(new CommandDefinition(SelectOne, new { Id = id }, transaction, cancellationToken: ct));

    private const string SelectForGroup = $"SELECT {Columns} FROM meetings WHERE group_id = @GroupId ORDER BY meeting_date, id";

    public async Task<IReadOnlyList<MeetingRow>> ForGroupAsync(DbConnection connection, string groupId, CancellationToken ct) =>
        (await connection.QueryAsync<MeetingRow>(new CommandDefinition(SelectForGroup, new { GroupId = groupId }, cancellationToken: ct))).AsList();

    private const string SameDay = "SELECT COUNT(*) FROM meetings WHERE group_id = @GroupId AND meeting_date = @MeetingDate";

    /// <summary>Whether the group already meets that day (one meeting per group and day).</summary>
    public async Task<bool> ExistsOnAsync(StoreSession w, string groupId, DateOnly date) =>
        await w.Connection.ExecuteScalarAsync<long>(w.Command(SameDay, new { GroupId = groupId, MeetingDate = date })) > 0;
}
