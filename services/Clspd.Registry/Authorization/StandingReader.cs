using Clspd.Registry.Domain;
using Clspd.Registry.Store;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;

namespace Clspd.Registry.Authorization;

/// <summary>
/// Loads the facts about a caller that <see cref="RegistryPermissions"/> decides on: the token's
/// claims and the caller's designations in force at the session's instant, counting only those in
/// the councils the caller's issuer is bound to (<see cref="CouncilBinding"/>).
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
        CoordinatesCouncil = councilId is not null && CouncilBinding.ActsFor(caller.Councils, councilId)
            && await designations.IsCoordinatorAsync(s, caller.Subject, councilId, s.Now),
    };

    /// <summary>The caller's standing in any council.</summary>
    public async Task<CallerStanding> InAnyCouncilAsync(StoreSession s, Caller caller) => Of(caller) with
    {
        CoordinatesAnyCouncil = (await CoordinatedCouncilsAsync(s, caller, s.Now)).Count > 0,
    };

    /// <summary>The caller's standing in a group: coordinator of its council, designated in it.</summary>
    public async Task<CallerStanding> InGroupAsync(StoreSession s, Caller caller, GroupRow group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return await InCouncilAsync(s, caller, group.CouncilId) with
        {
            DesignatedInGroup = CouncilBinding.ActsFor(caller.Councils, group.CouncilId) && await designations.IsDesignatedInGroupAsync(s, caller.Subject, group.Id, s.Now),
        };
    }

    /// <summary>The councils the caller coordinates at an instant and acts for.</summary>
    public async Task<IReadOnlyList<string>> CoordinatedCouncilsAsync(StoreSession s, Caller caller, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return CouncilBinding.Counting(await designations.CoordinatedCouncilsAsync(s, caller.Subject, at), caller.Councils);
    }
}
