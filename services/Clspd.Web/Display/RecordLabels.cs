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
}
