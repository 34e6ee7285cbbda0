using Clspd.Consent.Domain;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Clspd.Consent.Api;

/// <summary>
/// Asks the registry (with this service's own token) in which groups a token subject is designated
/// now with a role that works on individual situations. Registered only when <c>Services:Registry</c>
/// is configured; if the registry does not answer, the caller is not authorised (fail closed).
/// </summary>
public sealed class DesignationLookup(RegistryService.RegistryServiceClient registry, TimeProvider time, IOptions<PeerOptions> peers)
{
    private TimeSpan Timeout => peers.Value.CallTimeout(TimeSpan.FromSeconds(5));

    private static readonly Role[] s_actingRoles = [Role.Coordinator, Role.CoordinationTeam, Role.GroupMember, Role.PathReferent];

    // ACC-2 / REG-6: these institutions never receive nominative data; REG-2: formations never hold cases.
    private static readonly InstitutionKind[] s_neverNominative =
        [InstitutionKind.Police, InstitutionKind.Gendarmerie, InstitutionKind.MunicipalPolice, InstitutionKind.MunicipalServiceNotInCharge];

    private static readonly GroupKind[] s_noCases = [GroupKind.Plenary, GroupKind.Restricted];

    public async Task<bool> IsDesignatedForAsync(string subject, IReadOnlyList<string> subjectGroups, string? groupId, CancellationToken ct)
    {
        ListSubjectDesignationsResponse reply;
        try
        {
            reply = await registry.ListSubjectDesignationsAsync(
                new ListSubjectDesignationsRequest { Subject = subject, At = time.GetUtcNow().ToTimestamp() },
                deadline: DateTime.UtcNow + Timeout, cancellationToken: ct);
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !ct.IsCancellationRequested)
        {
            throw new UnavailableException("the registry cannot be reached to check the caller's designation; retry later", ex);
        }

        var groups = reply.Designations
            .Where(d => d.RevokedAt is null && s_actingRoles.Contains(d.Role) && !s_neverNominative.Contains(d.InstitutionKind) && !s_noCases.Contains(d.GroupKind))
            .Select(d => d.GroupId);
        return RecorderPolicy.IsDesignatedForSubject(groups, subjectGroups, groupId);
    }
}
