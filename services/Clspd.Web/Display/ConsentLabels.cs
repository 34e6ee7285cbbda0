using Clspd.Consent.V1;

namespace Clspd.Web.Display;

/// <summary>The consent service's codes in plain French.</summary>
public static class ConsentLabels
{
    public static string Purpose(Purpose purpose) => purpose switch
    {
        Consent.V1.Purpose.NamedDiscussion => "Examen nominatif en groupe",
        Consent.V1.Purpose.ProgrammeEnrolment => "Entrée dans un programme de suivi",
        Consent.V1.Purpose.DataProcessing => "Traitement des données",
        _ => "—",
    };

    public static string State(ConsentState state) => state switch
    {
        ConsentState.Permitted => "accordé",
        ConsentState.Refused => "refusé",
        ConsentState.Withdrawn => "retiré",
        ConsentState.NotAsked => "pas encore demandé",
        ConsentState.Incomplete => "incomplet (décision manquante)",
        _ => "—",
    };
}
