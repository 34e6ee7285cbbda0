using System.Text;
using Clspd.Access.V1;
using Google.Protobuf;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clspd.Web.Pages.Journal;

/// <summary>Downloads the latest signed checkpoint of the audit trail with its public key (JSON), to keep as a witness.</summary>
public sealed class PointDeControleModel(Gateway.Services services) : PageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        var answer = await services.Audit.GetAuditCheckpointAsync(new GetAuditCheckpointRequest(), cancellationToken: HttpContext.RequestAborted);
        var json = JsonFormatter.Default.Format(answer);
        return File(Encoding.UTF8.GetBytes(json), "application/json", $"point-de-controle-{answer.Checkpoint?.Sequence ?? 0}.json");
    }
}
