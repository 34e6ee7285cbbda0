using Clspd.Records.V1;

namespace Clspd.Web.Display;

/// <summary>Categories of information items in plain French.</summary>
public static class ItemLabels
{
    public static string Category(ItemCategory category) => category switch
    {
        ItemCategory.SchoolAttendance => "Assiduité scolaire",
        ItemCategory.IncidentInPublicSpace => "Incident dans l'espace public",
        ItemCategory.ChangeOfSituation => "Changement de situation",
        ItemCategory.ActionProgress => "Avancement d'une action",
        ItemCategory.MeasureProgress => "Avancement d'une mesure",
        _ => "—",
    };
}
