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
        ClosedAt = row.ClosedAt.ToTimestamp(),
    };

    public static Institution ToProto(this InstitutionRow row) => new()
    {
        Id = row.Id,
        Name = row.Name,
        Kind = (InstitutionKind)row.Kind,
        Siret = row.Siret,
        NonNominative = InstitutionKinds.NeverNominative((InstitutionKind)row.Kind),
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

    /// <summary>A designation with the charter facts of its council at the instant of the answer (REG-3).</summary>
    public static Designation ToProto(this DesignationRow row, CharterState charter) => new()
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
        MeetingDate = row.MeetingDate?.ToProtoDate(),
        RevocationReason = row.RevocationReason ?? "",
        BreachId = row.BreachId ?? "",
        InstitutionId = row.InstitutionId,
        NonNominative = InstitutionKinds.NeverNominative((InstitutionKind)row.InstitutionKind),
        CharterVersion = charter.Current?.Version ?? "",
        CharterOk = charter.Sufficient,
    };

    public static GroupParticipant ToProto(this GroupParticipantRow row) => new()
    {
        ParticipantId = row.ParticipantId,
        FullName = row.FullName,
        Function = row.JobFunction,
        InstitutionId = row.InstitutionId,
        InstitutionName = row.InstitutionName,
        InstitutionKind = (InstitutionKind)row.InstitutionKind,
        NonNominative = InstitutionKinds.NeverNominative((InstitutionKind)row.InstitutionKind),
        DesignationId = row.DesignationId,
        Role = (Role)row.Role,
        ValidFrom = row.ValidFrom.ToTimestamp(),
        ValidTo = row.ValidTo.ToTimestamp(),
        RevokedAt = row.RevokedAt.ToTimestamp(),
    };

    public static CouncilOfficerChange ToProto(this OfficerChangeRow row, bool readyAfter) => new()
    {
        Id = row.Id,
        CouncilId = row.CouncilId,
        Office = (CouncilOffice)row.Office,
        PreviousName = row.PreviousName,
        NewName = row.NewName,
        Reason = row.Reason,
        ChangedAt = row.ChangedAt.ToTimestamp(),
        ChangedBy = row.ChangedBy,
        ReadyForNominativeProcessing = readyAfter,
    };

    public static Meeting ToProto(this MeetingRow row) => new()
    {
        Id = row.Id,
        GroupId = row.GroupId,
        CouncilId = row.CouncilId,
        Date = row.MeetingDate.ToProtoDate(),
        PlaceLabel = row.PlaceLabel,
        CreatedAt = row.CreatedAt.ToTimestamp(),
    };

    public static CharterVersion ToProto(this CharterVersionRow row) => new()
    {
        CouncilId = row.CouncilId,
        Version = row.Version,
        Date = row.CharterDate.ToProtoDate(),
        TextSha256 = row.TextSha256,
        PublishedAt = row.PublishedAt.ToTimestamp(),
    };

    public static CharterSignature ToProto(this CharterSignatureRow row) => new()
    {
        Id = row.Id,
        CouncilId = row.CouncilId,
        Version = row.Version,
        InstitutionId = row.InstitutionId,
        SignedOn = row.SignedOn.ToProtoDate(),
        SignatoryName = row.SignatoryName,
        SignatoryFunction = row.SignatoryFunction,
        RecordedAt = row.RecordedAt.ToTimestamp(),
    };

    public static CharterAcceptance ToProto(this CharterAcceptanceRow row) => new()
    {
        Id = row.Id,
        CouncilId = row.CouncilId,
        Version = row.Version,
        ParticipantId = row.ParticipantId,
        AccessTracedAcknowledged = row.AccessTracedAcknowledged,
        AcceptedAt = row.AcceptedAt.ToTimestamp(),
        Subject = row.Subject,
    };

    public static ConfidentialityBreach ToProto(this BreachRow row, IEnumerable<string> endedDesignationIds) => new()
    {
        Id = row.Id,
        ParticipantId = row.ParticipantId,
        CouncilId = row.CouncilId,
        Reason = row.Reason,
        RecordedAt = row.RecordedAt.ToTimestamp(),
        RecordedBy = row.RecordedBy,
        EndedDesignationIds = { endedDesignationIds },
    };
}
