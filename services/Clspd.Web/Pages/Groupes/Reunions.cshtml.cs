using System.ComponentModel.DataAnnotations;
using Clspd.Registry.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Groupes;

/// <summary>The meetings of a group, by date, and scheduling the next one (the coordinator).</summary>
public sealed class ReunionsModel(Gateway.Services services) : FormPage
{
    [FromRoute]
    public string GroupId { get; set; } = string.Empty;

    [BindProperty]
    public string RequestId { get; set; } = Guid.CreateVersion7().ToString();

    /// <summary>The meeting's day (the registry keeps a calendar day, no hour).</summary>
    [BindProperty]
    [Required(ErrorMessage = "Indiquez la date de la réunion.")]
    public DateOnly? Day { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Indiquez le lieu de la réunion.")]
    [StringLength(200, ErrorMessage = "Le lieu tient en 200 caractères au plus.")]
    public string Place { get; set; } = string.Empty;

    public ListMeetingsResponse Answer { get; private set; } = new();

    public Task OnGetAsync() => LoadAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await SubmitAsync(async ct =>
        {
            var day = Day!.Value;
            var answer = await services.Registry.ScheduleMeetingAsync(new ScheduleMeetingRequest
            {
                RequestId = RequestId, GroupId = GroupId, PlaceLabel = Place.Trim(),
                Date = new Google.Type.Date { Year = day.Year, Month = day.Month, Day = day.Day },
            }, cancellationToken: ct);
            services.Revisions.SawRegistry(answer.Revision);
            Done = $"Réunion prévue le {FrenchDates.Day(answer.Meeting.Date)} ({answer.Meeting.PlaceLabel}).";
            RequestId = Guid.CreateVersion7().ToString();
            (Day, Place) = (null, string.Empty);
            ModelState.Clear();
        });
        await LoadAsync(HttpContext.RequestAborted);
        return result;
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Answer = await services.Registry.ListMeetingsAsync(new ListMeetingsRequest { GroupId = GroupId }, cancellationToken: ct);
}
