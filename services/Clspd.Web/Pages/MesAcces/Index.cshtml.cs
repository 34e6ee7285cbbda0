using Clspd.Access.V1;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clspd.Web.Pages.MesAcces;

/// <summary>The signed-in person's own access history (the audit entries of which they are the principal).</summary>
public sealed class IndexModel(Gateway.Services services) : PageModel
{
    public ListAuditEntriesResponse Answer { get; private set; } = new();

    public string Subject => services.Subject;

    public async Task OnGetAsync() =>
        Answer = await services.Audit.ListAuditEntriesAsync(new ListAuditEntriesRequest { Principal = services.Subject, PageSize = 200 }, cancellationToken: HttpContext.RequestAborted);
}
