using Clspd.Records.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clspd.Web.Pages.Conseils;

/// <summary>A council's evaluation tables as bar charts, small cells withheld by the records service (REC-11).</summary>
public sealed class EvaluationModel(Gateway.Services services, FrenchDates dates) : PageModel
{
    public sealed record Table(string Id, string Name, bool Available, string Reason, BarChart Chart);

    public GetEvaluationResponse Answer { get; private set; } = new();

    public IReadOnlyList<Table> Charts { get; private set; } = [];

    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    public async Task OnGetAsync(string councilId, DateOnly? du, DateOnly? au)
    {
        var today = DateOnly.FromDateTime(dates.Now.DateTime);
        To = au ?? today;
        From = du ?? To.AddYears(-1).AddDays(1);
        Answer = await services.Statistics.GetEvaluationAsync(
            new GetEvaluationRequest { CouncilId = councilId, From = FrenchDates.StartOfDay(From), To = FrenchDates.StartOfDay(To.AddDays(1)) },
            cancellationToken: HttpContext.RequestAborted);
        Charts = [.. Answer.Tables.Select((t, i) => new Table($"tableau-{i + 1}", t.Name, t.Available, t.UnavailableReason,
            BarChart.Of(t.Cells.Where(c => c.Column == "TOTAL" && c.Row != "TOTAL").Select(c => (c.Row, c.Count, c.Suppressed)))))];
    }
}
