using Clspd.Consent.V1;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clspd.Web.Pages.Personnes;

/// <summary>A person's informing and consent state per purpose (recording them is done with the CLI for now).</summary>
public sealed class ConsentementModel(Gateway.Services services) : PageModel
{
    private static readonly Purpose[] Purposes = [Purpose.NamedDiscussion, Purpose.ProgrammeEnrolment, Purpose.DataProcessing];

    public IReadOnlyList<(Purpose Purpose, GetConsentStateResponse State)> States { get; private set; } = [];

    public async Task OnGetAsync(string subjectRef, string? groupe)
    {
        var states = new List<(Purpose, GetConsentStateResponse)>();
        foreach (var purpose in Purposes)
        {
            var request = new GetConsentStateRequest { SubjectRef = subjectRef, Purpose = purpose, GroupId = purpose == Purpose.NamedDiscussion ? groupe ?? string.Empty : string.Empty };
            states.Add((purpose, await services.Consent.GetConsentStateAsync(request, cancellationToken: HttpContext.RequestAborted)));
        }

        States = states;
    }
}
