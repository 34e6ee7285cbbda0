using Clspd.Access.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Clspd.Web.Pages.Journal;

/// <summary>The audit trail with filters (case, person, period), a page at a time.</summary>
public sealed class IndexModel(Gateway.Services services) : PageModel
{
    public ListAuditEntriesResponse Answer { get; private set; } = new();

    public string? Dossier { get; private set; }

    public string? Personne { get; private set; }

    public DateOnly? Du { get; private set; }

    public DateOnly? Au { get; private set; }

    public string NextPage { get; private set; } = string.Empty;

    public async Task OnGetAsync(string? dossier, string? personne, DateOnly? du, DateOnly? au, long apres = 0)
    {
        (Dossier, Personne, Du, Au) = (dossier?.Trim(), personne?.Trim(), du, au);
        var request = new ListAuditEntriesRequest { CaseId = Dossier ?? string.Empty, Principal = Personne ?? string.Empty, PageSize = 100, AfterSequence = apres };
        if (du is { } from)
        {
            request.From = FrenchDates.StartOfDay(from);
        }

        if (au is { } to)
        {
            request.To = FrenchDates.StartOfDay(to.AddDays(1));
        }

        Answer = await services.Audit.ListAuditEntriesAsync(request, cancellationToken: HttpContext.RequestAborted);
        var query = new Dictionary<string, string?>
        {
            ["dossier"] = Dossier, ["personne"] = Personne, ["du"] = du?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["au"] = au?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["apres"] = Answer.NextAfterSequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        NextPage = QueryHelpers.AddQueryString("/journal", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }
}
