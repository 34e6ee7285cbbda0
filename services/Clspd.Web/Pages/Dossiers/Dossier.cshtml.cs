using Clspd.Records.V1;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clspd.Web.Pages.Dossiers;

/// <summary>One case: pseudonymous by default, named only when asked and the access decision allows it (REC-6, ACC-1, ACC-2, CON-4).</summary>
public sealed class DossierModel(Gateway.Services services) : PageModel
{
    public GetCaseResponse Answer { get; private set; } = new();

    /// <summary><c>mesure</c>: the measure view, a measure implementer's only one (ACC-1), as "Mes dossiers" links it.</summary>
    public async Task OnGetAsync(string caseId, bool nominatif = false, bool mesure = false)
    {
        // What this session's own writes returned: a withdrawal made in the console counts at once (CON-4).
        var seen = services.Revisions;
        Answer = await services.Records.GetCaseAsync(
            new GetCaseRequest
            {
                CaseId = caseId, Named = nominatif && !mesure, MeasureOnly = mesure, MinConsentRevision = seen.Consent, MinRegistryRevision = seen.Registry,
            },
            cancellationToken: HttpContext.RequestAborted);
    }
}
