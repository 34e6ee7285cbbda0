using Clspd.Records.V1;

namespace Clspd.Web.Display;

/// <summary>The records service's codes in plain French.</summary>
public static class RecordLabels
{
    public static string Reason(ReferralReason reason) => reason switch
    {
        ReferralReason.SchoolAbsenteeism => "absentéisme scolaire",
        ReferralReason.SchoolDropout => "décrochage scolaire",
        ReferralReason.RiskBehaviourInPublicSpace => "conduites à risque dans l'espace public",
        ReferralReason.AntisocialBehaviour => "incivilités",
        ReferralReason.FirstOffence => "première infraction",
        ReferralReason.RepeatOffenceRisk => "risque de réitération",
        ReferralReason.Victimisation => "victimation",
        ReferralReason.ExposureToTrafficking => "exposition aux trafics",
        ReferralReason.NeedForCoordination => "besoin de coordination",
        _ => "—",
    };

    public static string Decision(MeetingDecision decision) => decision switch
    {
        MeetingDecision.ContinueFollowUp => "poursuivre le suivi",
        MeetingDecision.AdjustActions => "ajuster les actions",
        MeetingDecision.ProposeClosure => "proposer la clôture",
        MeetingDecision.Postpone => "reporter",
        _ => "—",
    };

    public static string Move(MoveReason reason) => reason switch
    {
        MoveReason.ParentalResponsibility => "responsabilité parentale (vers le CDDF)",
        MoveReason.IndividualPrevention => "prévention individuelle (vers un groupe du CLSPD)",
        MoveReason.OpenedInWrongBody => "ouvert dans une instance qui ne convenait pas",
        MoveReason.ChangeOfTerritory => "changement de territoire",
        _ => "—",
    };

    public static string ArchiveOpening(ArchiveOpeningReason reason) => reason switch
    {
        ArchiveOpeningReason.SubjectAccessRequest => "demande d'accès de la personne",
        ArchiveOpeningReason.RectificationRequest => "demande de rectification",
        ArchiveOpeningReason.LegalClaim => "action en justice",
        ArchiveOpeningReason.SupervisoryControl => "contrôle de l'autorité de contrôle",
        _ => "—",
    };

    public static string Export(ExportReason reason) => reason switch
    {
        ExportReason.SupervisoryControl => "contrôle du responsable du traitement, du délégué à la protection des données ou de la CNIL",
        ExportReason.LegalClaim => "action en justice",
        ExportReason.ControllerHandover => "transmission au successeur du responsable du traitement",
        _ => "—",
    };

    /// <summary>How the signed-in person stands to a case of "Mes dossiers".</summary>
    public static string Relation(CaseRelation relation) => relation switch
    {
        CaseRelation.Coordinator => "coordonnateur du conseil",
        CaseRelation.CoordinationTeam => "équipe de coordination",
        CaseRelation.GroupMember => "membre du groupe",
        CaseRelation.OccasionalAttendee => "participant ponctuel à une réunion",
        CaseRelation.PathReferent => "référent de parcours",
        CaseRelation.MeasureImplementer => "chargé d'une mesure",
        _ => "—",
    };

    public static string Status(CaseStatus status) => status switch
    {
        CaseStatus.Active => "actif",
        CaseStatus.Archived => "archivé",
        _ => "—",
    };
}
