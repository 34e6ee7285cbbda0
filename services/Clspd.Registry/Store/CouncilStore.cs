using Clspd.Registry.V1;
using Clspd.ServiceDefaults.Data;
using Dapper;

namespace Clspd.Registry.Store;

/// <summary>Councils, their communes and their bodies (groups).</summary>
public sealed class CouncilStore
{
    private const string InsertCouncil = """
        INSERT INTO councils (id, name, kind, controller_name, coordinator_name, created_at, created_by)
        VALUES (@Id, @Name, @Kind, @ControllerName, @CoordinatorName, @CreatedAt, @CreatedBy)
        """;

    private const string InsertCommune = "INSERT INTO council_communes (council_id, insee_code) VALUES (@CouncilId, @InseeCode)";

    public async Task InsertCouncilAsync(StoreSession s, CouncilRow council)
    {
        await s.ExecuteAsync(InsertCouncil, council);
        foreach (var code in council.Communes)
        {
            await s.ExecuteAsync(InsertCommune, new { CouncilId = council.Id, InseeCode = code });
        }
    }

    private const string SelectCouncil = """
        SELECT id AS Id, name AS Name, kind AS Kind, controller_name AS ControllerName, coordinator_name AS CoordinatorName,
               created_at AS CreatedAt, created_by AS CreatedBy
        FROM councils WHERE id = @Id
        """;

    private const string SelectCommunes = "SELECT insee_code FROM council_communes WHERE council_id = @Id ORDER BY insee_code";

    public async Task<CouncilRow?> FindCouncilAsync(StoreSession s, string id)
    {
        var council = await s.QuerySingleOrDefaultAsync<CouncilRow>(SelectCouncil, new { Id = id });
        if (council is not null)
        {
            council.Communes = (await s.QueryAsync<string>(SelectCommunes, new { Id = id })).AsList();
        }

        return council;
    }

    private const string InsertGroup = """
        INSERT INTO council_groups (id, council_id, name, kind, created_at, closed_at)
        VALUES (@Id, @CouncilId, @Name, @Kind, @CreatedAt, @ClosedAt)
        """;

    public Task InsertGroupAsync(StoreSession s, GroupRow group) => s.ExecuteAsync(InsertGroup, group);

    private const string SelectGroup = """
        SELECT id AS Id, council_id AS CouncilId, name AS Name, kind AS Kind, created_at AS CreatedAt, closed_at AS ClosedAt,
               close_reason AS CloseReason
        FROM council_groups WHERE id = @Id
        """;

    public Task<GroupRow?> FindGroupAsync(StoreSession s, string id) =>
        s.QuerySingleOrDefaultAsync<GroupRow>(SelectGroup, new { Id = id });

    private const string GroupNameTaken = "SELECT COUNT(*) FROM council_groups WHERE council_id = @CouncilId AND name = @Name";

    public async Task<bool> GroupNameTakenAsync(StoreSession s, string councilId, string name) =>
        await s.ExecuteScalarAsync<long>(GroupNameTaken, new { CouncilId = councilId, Name = name }) > 0;

    private const string UpdateController = "UPDATE councils SET controller_name = @Name WHERE id = @Id";
    private const string UpdateCoordinator = "UPDATE councils SET coordinator_name = @Name WHERE id = @Id";

    private const string InsertOfficerChange = """
        INSERT INTO council_officer_changes (id, council_id, office, previous_name, new_name, reason, changed_at, changed_by, revision)
        VALUES (@Id, @CouncilId, @Office, @PreviousName, @NewName, @Reason, @ChangedAt, @ChangedBy, @Revision)
        """;

    /// <summary>REG-1: sets an officer's name and keeps the change in history, in the same transaction.</summary>
    public async Task SetOfficerAsync(StoreSession s, OfficerChangeRow change)
    {
        var sql = change.Office == (int)CouncilOffice.Controller ? UpdateController : UpdateCoordinator;
        await s.ExecuteAsync(sql, new { Id = change.CouncilId, Name = change.NewName });
        await s.ExecuteAsync(InsertOfficerChange, change);
    }

    /// <summary>REG-1: records an officer named at creation (the council row already carries the name).</summary>
    public Task InsertOfficerChangeAsync(StoreSession s, OfficerChangeRow change) => s.ExecuteAsync(InsertOfficerChange, change);

    private const string SelectOfficerChanges = """
        SELECT id AS Id, council_id AS CouncilId, office AS Office, previous_name AS PreviousName, new_name AS NewName,
               reason AS Reason, changed_at AS ChangedAt, changed_by AS ChangedBy, revision AS Revision
        FROM council_officer_changes WHERE council_id = @CouncilId ORDER BY revision, office
        """;

    /// <summary>The officer history of a council, oldest first.</summary>
    public async Task<IReadOnlyList<OfficerChangeRow>> OfficerChangesAsync(StoreSession s, string councilId) =>
        (await s.QueryAsync<OfficerChangeRow>(SelectOfficerChanges, new { CouncilId = councilId })).AsList();

    private const string CloseGroupSql = "UPDATE council_groups SET closed_at = @At, close_reason = @Reason WHERE id = @Id AND closed_at IS NULL";

    /// <summary>Closes a group; false when it was already closed.</summary>
    public async Task<bool> CloseGroupAsync(StoreSession s, string groupId, DateTimeOffset at, string reason) =>
        await s.ExecuteAsync(CloseGroupSql, new { Id = groupId, At = at, Reason = reason }) == 1;
}
