using Clspd.Registry.V1;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clspd.Web.Pages.Conseils;

/// <summary>A council at a glance: its readiness (REG-1), its charter (REG-3) and what is still missing.</summary>
public sealed class ConseilModel(Gateway.Services services) : PageModel
{
    public Council Council { get; private set; } = new();

    public CharterVersion? CurrentCharter { get; private set; }

    public IReadOnlyList<string> Missing { get; private set; } = [];

    public async Task OnGetAsync(string councilId)
    {
        var ct = HttpContext.RequestAborted;
        Council = (await services.Registry.GetCouncilAsync(new GetCouncilRequest { CouncilId = councilId }, cancellationToken: ct)).Council ?? new Council();
        var versions = await services.Charter.ListCharterVersionsAsync(new ListCharterVersionsRequest { CouncilId = councilId }, cancellationToken: ct);
        CurrentCharter = versions.Versions.LastOrDefault();
        var missing = new List<string>();
        if (Council.ControllerName.Length == 0)
        {
            missing.Add("Le maire, responsable du traitement, n'est pas nommé (REG-1).");
        }

        if (Council.CoordinatorName.Length == 0)
        {
            missing.Add("Le coordonnateur n'est pas nommé (REG-1).");
        }

        if (CurrentCharter is null)
        {
            missing.Add("Aucune charte de déontologie n'est publiée : personne ne peut être désigné (REG-3).");
        }

        Missing = missing;
    }
}
