using Clspd.Registry.V1;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clspd.Web.Pages.Groupes;

/// <summary>The meetings of a group, by date.</summary>
public sealed class ReunionsModel(Gateway.Services services) : PageModel
{
    public ListMeetingsResponse Answer { get; private set; } = new();

    public async Task OnGetAsync(string groupId) =>
        Answer = await services.Registry.ListMeetingsAsync(new ListMeetingsRequest { GroupId = groupId }, cancellationToken: HttpContext.RequestAborted);
}
