using System.Data.Common;
using Clspd.Registry.Store;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Errors;

namespace Clspd.Registry.Api;

/// <summary>
/// Who may do what in the registry. Writes: bootstrap administrators and the council's coordinator
/// (a participant holding a COORDINATOR designation in force). Reads of a group: REG-7.
/// </summary>
public sealed class RegistryPermissions(DesignationStore designations)
{
    /// <summary>
    /// Bootstrap administrator or coordinator of the council, at the write's instant; a null council (the thing
    /// written does not exist) admits administrators only, with the refusal everyone else gets otherwise.
    /// </summary>
    public async Task RequireCouncilManagerAsync(StoreSession w, Caller caller, string? councilId, string ruleId, string what)
    {
        if (councilId is null ? !caller.IsBootstrapAdmin : !await IsCouncilManagerAsync(w.Connection, w.Transaction, caller, councilId, w.Now, w.CancellationToken))
        {
            throw new PermissionDeniedException(ruleId, $"only a bootstrap administrator or the council's coordinator may {what}");
        }
    }

    /// <summary>Bootstrap administrator or coordinator of any council, at the write's instant.</summary>
    public async Task RequireAnyManagerAsync(StoreSession w, Caller caller, string ruleId, string what)
    {
        if (caller.IsBootstrapAdmin || (await designations.CoordinatedCouncilsAsync(w.Connection, w.Transaction, caller.Subject, w.Now, w.CancellationToken)).Count > 0)
        {
            return;
        }

        throw new PermissionDeniedException(ruleId, $"only a bootstrap administrator or a council coordinator may {what}");
    }

    public async Task<bool> IsCouncilManagerAsync(DbConnection connection, DbTransaction? transaction, Caller caller, string councilId, DateTimeOffset at, CancellationToken ct) =>
        caller.IsBootstrapAdmin || await designations.IsCoordinatorAsync(connection, transaction, caller.Subject, councilId, at, ct);

    /// <summary>
    /// REG-7: who sits in a group (and when it meets) is visible to services, administrators, the
    /// council's coordinator and every participant designated in the group now.
    /// </summary>
    public async Task RequireGroupReaderAsync(DbConnection connection, Caller caller, GroupRow group, DateTimeOffset now, CancellationToken ct)
    {
        if (caller.IsService || await IsCouncilManagerAsync(connection, null, caller, group.CouncilId, now, ct) ||
            await designations.IsDesignatedInGroupAsync(connection, caller.Subject, group.Id, now, ct))
        {
            return;
        }

        throw new PermissionDeniedException("REG-7", "only the participants designated in this group, the council's coordinator and administrators see who sits in it");
    }
}
