using Clspd.Registry.Domain;
using Clspd.Registry.Store;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;

namespace Clspd.Registry.Api;

/// <summary>Rows to contract messages.</summary>
internal static class RegistryMapping
{
    public static Council ToProto(this CouncilRow row) => new()
    {
        Id = row.Id,
        Name = row.Name,
        Kind = (CouncilKind)row.Kind,
        CommuneInseeCodes = { row.Communes },
        ControllerName = row.ControllerName,
        CoordinatorName = row.CoordinatorName,
        ReadyForNominativeProcessing = RegistryRules.IsReady(row.ControllerName, row.CoordinatorName),
        CreatedAt = row.CreatedAt.ToTimestamp(),
    };

    public static Group ToProto(this GroupRow row) => new()
    {
        Id = row.Id,
        CouncilId = row.CouncilId,
        Name = row.Name,
        Kind = (GroupKind)row.Kind,
        MayHoldCases = RegistryRules.MayHoldCases((GroupKind)row.Kind),
    };

    public static Institution ToProto(this InstitutionRow row) => new()
    {
        Id = row.Id,
        Name = row.Name,
        Kind = (InstitutionKind)row.Kind,
        Siret = row.Siret,
        NonNominative = RegistryRules.IsNonNominative((InstitutionKind)row.Kind),
    };

    public static Participant ToProto(this ParticipantRow row) => new()
    {
        Id = row.Id,
        FullName = row.FullName,
        Function = row.JobFunction,
        InstitutionId = row.InstitutionId,
        Email = row.Email,
        Subjects = { row.Subjects },
    };

    public static Designation ToProto(this DesignationRow row) => new()
    {
        Id = row.Id,
        ParticipantId = row.ParticipantId,
        GroupId = row.GroupId,
        CouncilId = row.CouncilId,
        Role = (Role)row.Role,
        Order = new MayorOrder { Number = row.OrderNumber, Date = row.OrderDate.ToProtoDate(), SignedBy = row.OrderSignedBy },
        ValidFrom = row.ValidFrom.ToTimestamp(),
        ValidTo = row.ValidTo.ToTimestamp(),
        MeetingId = row.MeetingId,
        CaseRef = row.CaseRef,
        MeasureRef = row.MeasureRef,
        RevokedAt = row.RevokedAt.ToTimestamp(),
        InstitutionKind = (InstitutionKind)row.InstitutionKind,
        GroupKind = (GroupKind)row.GroupKind,
    };
}
