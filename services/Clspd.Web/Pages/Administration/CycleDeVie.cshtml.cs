using Clspd.Records.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Administration;

/// <summary>
/// Runs the lifecycle job (close at 25, destroy due cases and persons, purge past agendas; REC-4,
/// REC-7, REC-9) in steps, one per submission, so that a long run shows its progress: each step
/// passes on the totals so far, and the page submits itself again while work is still due.
/// </summary>
public sealed class CycleDeVieModel(Gateway.Services services) : FormPage
{
    /// <summary>Follow-ups closed, cases and persons destroyed by one step, counted together.</summary>
    public const int Step = 100;

    /// <summary>The totals so far (posted back by each step).</summary>
    [BindProperty]
    public LifecycleTotals Totals { get; set; } = new();

    /// <summary>Work still due after the last step; null before the first.</summary>
    public int? Remaining { get; private set; }

    /// <summary>What the steps so far have done, as the progress bar counts it.</summary>
    public int Handled => Totals.ClosedAt25 + Totals.CasesDestroyed + Totals.PersonsDestroyed;

    public int Percent => Remaining is not > 0 ? 100 : Handled * 100 / (Handled + Remaining.Value);

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() => SubmitAsync(async ct =>
    {
        var answer = await services.Lifecycle.RunLifecycleAsync(new RunLifecycleRequest { MaxCases = Step }, cancellationToken: ct);
        Totals = new LifecycleTotals
        {
            Steps = Totals.Steps + 1,
            ClosedAt25 = Totals.ClosedAt25 + answer.ClosedAt25,
            CasesDestroyed = Totals.CasesDestroyed + answer.CasesDestroyed,
            PersonsDestroyed = Totals.PersonsDestroyed + answer.PersonsDestroyed,
            AgendaItemsPurged = Totals.AgendaItemsPurged + answer.AgendaItemsPurged,
        };
        ModelState.Clear();
        Remaining = answer.RemainingDue;
        if (answer.RemainingDue == 0)
        {
            Done = $"Purge terminée en {Totals.Steps} étape(s) : {Totals.ClosedAt25} suivi(s) clos à 25 ans, {Totals.CasesDestroyed} dossier(s) détruit(s), "
                   + $"{Totals.PersonsDestroyed} personne(s) détruite(s), {Totals.AgendaItemsPurged} inscription(s) à l'ordre du jour purgée(s).";
        }
    });
}
