using Clspd.Records.V1;
using Clspd.Registry.V1;

namespace Clspd.Cli.Demo;

/// <summary>The people and institutions of the demo commune, Villeneuve-sur-Orge.</summary>
public static class Cast
{
    public const string CouncilName = "CLSPD de Villeneuve-sur-Orge";
    public const string Insee = "91667";
    public const string Mayor = "Jeanne Martin, maire";
    public const string Coordinator = "Inès Robert";
    public const string Territorial = "territorial";
    public const string Operational = "operational";
    public const string Cddf = "cddf";

    public static readonly (string Key, string Name, GroupKind Kind)[] Groups =
    [
        (Territorial, "Groupe territorial Centre-ville", GroupKind.Territorial),
        (Operational, "Groupe opérationnel Jeunesse", GroupKind.Operational),
        (Cddf, "CDDF de Villeneuve-sur-Orge", GroupKind.Cddf),
    ];

    /// <summary>Eight institutions, one participant each, and the groups each participant is designated in.</summary>
    public static readonly Member[] Members =
    [
        new("ville", "Ville de Villeneuve-sur-Orge — service municipal de prévention", InstitutionKind.MunicipalPreventionService,
            "Inès Robert", "Coordonnatrice du CLSPD", "ines.robert", Role.Coordinator, [Operational]),
        new("cd91", "Conseil départemental — service social départemental", InstitutionKind.DepartmentSocialServices,
            "Sophie Lambert", "Assistante sociale", "sophie.lambert", Role.GroupMember, [Operational, Territorial, Cddf]),
        new("relais", "Association de prévention spécialisée Le Relais", InstitutionKind.SpecialisedPrevention,
            "Camille Martin", "Éducatrice spécialisée", "camille.martin", Role.GroupMember, [Operational]),
        new("college", "Collège Jean-Moulin", InstitutionKind.NationalEducation,
            "Karim Benali", "Conseiller principal d'éducation", "karim.benali", Role.GroupMember, [Territorial]),
        new("habitat", "Villeneuve Habitat", InstitutionKind.SocialLandlord,
            "Marc Petit", "Chargé de proximité", "marc.petit", Role.GroupMember, [Territorial]),
        new("pjj", "Protection judiciaire de la jeunesse — UEMO", InstitutionKind.YouthJustice,
            "Nadia Haddad", "Éducatrice PJJ", "nadia.haddad", Role.GroupMember, [Operational]),
        new("mission-locale", "Mission locale Nord-Essonne", InstitutionKind.MissionLocale,
            "Julie Moreau", "Conseillère en insertion", "julie.moreau", Role.GroupMember, [Operational]),
        new("police", "Commissariat de police nationale", InstitutionKind.Police,
            "Thomas Girard", "Délégué cohésion police-population", "thomas.girard", Role.GroupMember, [Operational]),
    ];

    /// <summary>
    /// A dozen young people; <c>Consent</c> is what they decide about a named discussion in their
    /// group, then who referred them and why. Chloé Perrin is referred by a social worker under the
    /// social-action code: her referral records only the need for coordination (REC-2).
    /// </summary>
    public static readonly Young[] Persons =
    [
        new("Ferreira", "Yanis", Sex.Male, 19, Operational, 0, ConsentChoice.Given, ReferralOrigin.MissionLocale, ReferralReason.SchoolDropout),
        new("Garnier", "Lucas", Sex.Male, 22, Operational, 0, ConsentChoice.Withdrawn, ReferralOrigin.YouthJustice, ReferralReason.RepeatOffenceRisk),
        new("Roux", "Kévin", Sex.Male, 20, Operational, 0, ConsentChoice.Refused, ReferralOrigin.MunicipalPreventionService, ReferralReason.AntisocialBehaviour),
        new("Dubois", "Léa", Sex.Female, 16, Operational, 2, ConsentChoice.Given, ReferralOrigin.NationalEducation, ReferralReason.SchoolAbsenteeism),
        new("Benhamou", "Sarah", Sex.Female, 15, Territorial, 1, ConsentChoice.Given, ReferralOrigin.NationalEducation, ReferralReason.SchoolAbsenteeism),
        new("Lefèvre", "Mathis", Sex.Male, 14, Territorial, 2, ConsentChoice.Given, ReferralOrigin.Family, ReferralReason.Victimisation),
        new("Perrin", "Chloé", Sex.Female, 17, Territorial, 1, ConsentChoice.Given, ReferralOrigin.SocialActionProfessional, ReferralReason.NeedForCoordination),
        new("Haddou", "Nassim", Sex.Male, 18, Operational, 0, ConsentChoice.Given, ReferralOrigin.SocialLandlord, ReferralReason.RiskBehaviourInPublicSpace),
        new("Girardot", "Emma", Sex.Female, 13, Cddf, 2, ConsentChoice.Given, ReferralOrigin.NationalEducation, ReferralReason.SchoolAbsenteeism),
        new("Lambertin", "Noah", Sex.Male, 15, Cddf, 1, ConsentChoice.Given, ReferralOrigin.YouthJustice, ReferralReason.FirstOffence),
        new("Rousseau", "Jade", Sex.Female, 21, Territorial, 0, ConsentChoice.Given, ReferralOrigin.Self, ReferralReason.Victimisation),
        new("Mercier", "Adam", Sex.Male, 23, Operational, 0, ConsentChoice.Given, ReferralOrigin.SpecialisedPrevention, ReferralReason.RiskBehaviourInPublicSpace),
    ];

    public const string CharterText = "Charte déontologique type pour l'échange d'informations dans le cadre des CLSPD — version de Villeneuve-sur-Orge";
}
