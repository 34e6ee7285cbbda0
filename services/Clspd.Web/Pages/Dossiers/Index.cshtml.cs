using Clspd.Records.V1;
using Clspd.Web.Display;
using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Clspd.Web.Pages.Dossiers;

/// <summary>
/// "Mes dossiers": the cases the signed-in person may read (ListMyCases), pseudonymous, each listed
/// one an audited read (ACC-4); the refusals the person should know of, with their rules and
/// sentence (ACC-5); and a case-id field for a case not listed.
/// </summary>
public sealed class IndexModel(Gateway.Services services) : PageModel
{
    public const int PageSize = 50;

    public ListMyCasesResponse Answer { get; private set; } = new();

    /// <summary>Why the list could not be read (the case-id field stays usable); null when it was.</summary>
    public Refusal? ListRefusal { get; private set; }

    public string NextPage { get; private set; } = string.Empty;

    public async Task OnGetAsync(string? apres, string? conseil, string? groupe)
    {
        var request = new ListMyCasesRequest { PageSize = PageSize, AfterCaseId = apres?.Trim() ?? "", CouncilId = conseil?.Trim() ?? "", GroupId = groupe?.Trim() ?? "" };
        try
        {
            Answer = await services.Records.ListMyCasesAsync(request, cancellationToken: HttpContext.RequestAborted);
        }
        catch (RpcException ex) when (ex.StatusCode != Grpc.Core.StatusCode.Unauthenticated)
        {
            ListRefusal = Refusal.From(ex);
            Response.StatusCode = ListRefusal.HttpStatus;
            return;
        }

        var query = new Dictionary<string, string?> { ["conseil"] = request.CouncilId, ["groupe"] = request.GroupId, ["apres"] = Answer.NextAfterCaseId };
        NextPage = QueryHelpers.AddQueryString("/dossiers", query.Where(p => !string.IsNullOrEmpty(p.Value)));
    }

    public IActionResult OnGetOuvrir(string? id) =>
        string.IsNullOrWhiteSpace(id) ? Page() : Redirect("/dossiers/" + Uri.EscapeDataString(id.Trim()));
}
