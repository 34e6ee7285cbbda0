using Clspd.Access.V1;

namespace Clspd.Web.Display;

/// <summary>The access service's codes in plain French.</summary>
public static class AuditLabels
{
    public static string Action(AccessAction action) => action switch
    {
        AccessAction.ReadCase => "lecture",
        AccessAction.WriteCase => "écriture",
        AccessAction.OpenArchivedCase => "ouverture d'archive",
        AccessAction.MoveCase => "transfert",
        _ => action.ToString(),
    };

    public static string View(View view) => view switch
    {
        Access.V1.View.Pseudonymous => "sous pseudonyme",
        Access.V1.View.Named => "nominative",
        _ => view.ToString(),
    };

    public static string Outcome(Outcome outcome) => outcome switch
    {
        Access.V1.Outcome.Allow => "accordé",
        Access.V1.Outcome.Deny => "refusé",
        _ => "—",
    };
}
