using Clspd.Registry.V1;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clspd.Web.Pages.Groupes;

/// <summary>Who sits in a group now, with role and dates (REG-7).</summary>
public sealed class GroupeModel(Gateway.Services services, TimeProvider clock) : PageModel
{
    public ListGroupParticipantsResponse Answer { get; private set; } = new();

    public Timestamp At { get; private set; } = new();

    public string GroupId { get; private set; } = string.Empty;

    public async Task OnGetAsync(string groupId)
    {
        GroupId = groupId;
        At = Timestamp.FromDateTimeOffset(clock.GetUtcNow());
        Answer = await services.Registry.ListGroupParticipantsAsync(new ListGroupParticipantsRequest { GroupId = groupId, At = At }, cancellationToken: HttpContext.RequestAborted);
    }
}
