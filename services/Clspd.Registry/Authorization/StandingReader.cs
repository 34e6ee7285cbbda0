using Clspd.Registry.Domain;
using Clspd.Registry.Store;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;

namespace Clspd.Registry.Authorization;

/// <summary>
/// Loads the facts about a caller that <see cref="RegistryPermissions"/> decides on: the token's
/// claims and the caller's designations in force at the session's instant.
/// </summary>
public sealed class StandingReader(DesignationStore designations)
{
    /// <summary>The token's facts only.</summary>
    public static CallerStanding Of(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new CallerStanding { IsService = caller.IsService, IsBootstrapAdmin = caller.IsBootstrapAdmin };
    }

    /// <summary>The caller's standing in a council; a null council (the thing concerned does not exist) is coordinated by nobody.</summary>
    public async Task<CallerStanding> InCouncilAsync(StoreSession s, Caller caller, string? councilId) => Of(caller) with
    {
        CoordinatesCouncil = councilId is not null && await designations.IsCoordinatorAsync(s, caller.Subject, councilId, s.Now),
    };

    /// <summary>The caller's standing in any council.</summary>
    public async Task<CallerStanding> InAnyCouncilAsync(StoreSession s, Caller caller) => Of(caller) with
    {
        CoordinatesAnyCouncil = (await designations.CoordinatedCouncilsAsync(s, caller.Subject, s.Now)).Count > 0,
    };

    /// <summary>The caller's standing in a group: coordinator of its council, designated in it.</summary>
    public async Task<CallerStanding> InGroupAsync(StoreSession s, Caller caller, GroupRow group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return await InCouncilAsync(s, caller, group.CouncilId) with
        {
            DesignatedInGroup = await designations.IsDesignatedInGroupAsync(s, caller.Subject, group.Id, s.Now),
        };
    }
}
