using Clspd.Records.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Conseils;

/// <summary>The council's annual charter-application reports: those produced, and producing one (REC-11).</summary>
public sealed class RapportModel(Gateway.Services services, FrenchDates dates) : FormPage
{
    [FromRoute]
    public string CouncilId { get; set; } = string.Empty;

    [BindProperty]
    public string RequestId { get; set; } = Guid.CreateVersion7().ToString();

    [BindProperty]
    public int Year { get; set; }

    public ListCharterReportsResponse Reports { get; private set; } = new();

    public CharterReport? Produced { get; private set; }

    public async Task OnGetAsync()
    {
        Year = dates.Now.Year - 1;
        Reports = await services.Statistics.ListCharterReportsAsync(new ListCharterReportsRequest { CouncilId = CouncilId }, cancellationToken: HttpContext.RequestAborted);
    }

    public Task<IActionResult> OnPostAsync() => SubmitAsync(async ct =>
    {
        Produced = (await services.Statistics.ProduceCharterReportAsync(new ProduceCharterReportRequest { RequestId = RequestId, CouncilId = CouncilId, Year = Year }, cancellationToken: ct)).Report;
        Reports = await services.Statistics.ListCharterReportsAsync(new ListCharterReportsRequest { CouncilId = CouncilId }, cancellationToken: ct);
        Done = $"Rapport {Year} produit.";
    });
}
