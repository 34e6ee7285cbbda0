using Clspd.Registry.V1;

namespace Clspd.Web.Display;

/// <summary>The registry's values in plain French.</summary>
public static class Labels
{
    public static string Role(Role role) => role switch
    {
        Registry.V1.Role.Coordinator => "Coordonnateur",
        Registry.V1.Role.CoordinationTeam => "Équipe de coordination",
        Registry.V1.Role.GroupMember => "Membre du groupe",
        Registry.V1.Role.OccasionalAttendee => "Participant ponctuel",
        Registry.V1.Role.PathReferent => "Référent de parcours",
        Registry.V1.Role.MeasureImplementer => "Chargé de mesure",
        _ => "—",
    };

    public static string GroupKind(GroupKind kind) => kind switch
    {
        Registry.V1.GroupKind.Territorial => "Groupe territorial",
        Registry.V1.GroupKind.Thematic => "Groupe thématique",
        Registry.V1.GroupKind.Operational => "Groupe opérationnel",
        Registry.V1.GroupKind.Cddf => "CDDF",
        Registry.V1.GroupKind.Plenary => "Formation plénière",
        Registry.V1.GroupKind.Restricted => "Formation restreinte",
        _ => "—",
    };

    public static string CouncilKind(CouncilKind kind) => kind switch
    {
        Registry.V1.CouncilKind.Clspd => "CLSPD",
        Registry.V1.CouncilKind.Cispd => "CISPD",
        _ => "—",
    };

    public static string InstitutionKind(InstitutionKind kind) => kind switch
    {
        Registry.V1.InstitutionKind.DepartmentSocialServices => "Services sociaux du département",
        Registry.V1.InstitutionKind.SpecialisedPrevention => "Prévention spécialisée",
        Registry.V1.InstitutionKind.ChildProtection => "Protection de l'enfance",
        Registry.V1.InstitutionKind.NationalEducation => "Éducation nationale",
        Registry.V1.InstitutionKind.SocialLandlord => "Bailleur social",
        Registry.V1.InstitutionKind.YouthJustice => "Protection judiciaire de la jeunesse",
        Registry.V1.InstitutionKind.MissionLocale => "Mission locale",
        Registry.V1.InstitutionKind.MunicipalPreventionService => "Service municipal de prévention",
        Registry.V1.InstitutionKind.MunicipalServiceNotInCharge => "Service municipal non chargé de la prévention",
        Registry.V1.InstitutionKind.MunicipalPolice => "Police municipale",
        Registry.V1.InstitutionKind.Police => "Police nationale",
        Registry.V1.InstitutionKind.Gendarmerie => "Gendarmerie",
        Registry.V1.InstitutionKind.Health => "Santé",
        Registry.V1.InstitutionKind.AssociationOther => "Association ou autre",
        _ => "—",
    };

    public static string YesNo(bool value) => value ? "oui" : "non";
}
