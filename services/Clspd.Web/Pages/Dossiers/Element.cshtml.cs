using System.ComponentModel.DataAnnotations;
using Clspd.Records.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Dossiers;

/// <summary>Adds a CONFIDENTIAL information item, its author attesting it is not covered by professional secrecy (REC-5).</summary>
public sealed class ElementModel(Gateway.Services services) : FormPage
{
    public static readonly ItemCategory[] Categories =
        [ItemCategory.SchoolAttendance, ItemCategory.IncidentInPublicSpace, ItemCategory.ChangeOfSituation, ItemCategory.ActionProgress, ItemCategory.MeasureProgress];

    [FromRoute]
    public string CaseId { get; set; } = string.Empty;

    [BindProperty]
    public string RequestId { get; set; } = Guid.CreateVersion7().ToString();

    [BindProperty]
    public ItemCategory Category { get; set; } = ItemCategory.SchoolAttendance;

    [BindProperty]
    public DateOnly? ObservedOn { get; set; }

    [BindProperty]
    [Range(typeof(bool), "true", "true", ErrorMessage = "Cochez l'attestation : un élément couvert par le secret professionnel ne peut être partagé (REC-5).")]
    public bool Attests { get; set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() => SubmitAsync(async ct =>
    {
        var request = new AddInformationItemRequest
        {
            RequestId = RequestId,
            CaseId = CaseId,
            Category = Category,
            Classification = Classification.Confidential,
            AuthorAttestsNotSecret = Attests,
        };
        if (ObservedOn is { } day)
        {
            request.ObservedOn = new Google.Type.Date { Year = day.Year, Month = day.Month, Day = day.Day };
        }

        var answer = await services.CaseItems.AddInformationItemAsync(request, cancellationToken: ct);
        Done = $"Élément d'information enregistré ({answer.ItemId}).";
        RequestId = Guid.CreateVersion7().ToString();
        ModelState.Clear();
    });
}
