using Clspd.Registry.V1;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clspd.Web.Pages;

/// <summary>The signed-in person's designations in force: their groups, roles and councils.</summary>
public sealed class IndexModel(Gateway.Services services) : PageModel
{
    public ListSubjectDesignationsResponse Answer { get; private set; } = new();

    public string Subject => services.Subject;

    public async Task OnGetAsync() =>
        Answer = await services.Registry.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest { Subject = services.Subject }, cancellationToken: HttpContext.RequestAborted);
}
