using System.ComponentModel.DataAnnotations;
using Clspd.Records.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Dossiers;

/// <summary>The follow-up elements of a case: one text of at most 500 characters, counted as it is typed and again here.</summary>
public sealed class SuiviModel(Gateway.Services services) : FormPage
{
    public const int MaxLength = 500;

    [FromRoute]
    public string CaseId { get; set; } = string.Empty;

    [BindProperty]
    public string RequestId { get; set; } = Guid.CreateVersion7().ToString();

    [BindProperty]
    [Required(ErrorMessage = "Écrivez les éléments de suivi.")]
    [StringLength(MaxLength, ErrorMessage = "Les éléments de suivi tiennent en 500 caractères au plus.")]
    public string? Text { get; set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() => SubmitAsync(async ct =>
    {
        await services.FollowUp.SetFollowUpElementsAsync(new SetFollowUpElementsRequest { RequestId = RequestId, CaseId = CaseId, Text = Text }, cancellationToken: ct);
        Done = $"Éléments de suivi enregistrés ({Text!.Length} caractères).";
        // A new text is a new request: the hidden field must not replay the previous one.
        RequestId = Guid.CreateVersion7().ToString();
        ModelState.Remove(nameof(RequestId));
    });
}
