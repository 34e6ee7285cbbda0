using System.ComponentModel.DataAnnotations;
using Clspd.Registry.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Designations;

/// <summary>Revokes one designation now, with a reason (REG-5).</summary>
public sealed class RevoquerModel(Gateway.Services services) : FormPage
{
    [BindProperty]
    public string RequestId { get; set; } = Guid.CreateVersion7().ToString();

    [BindProperty]
    [Required(ErrorMessage = "Indiquez l'identifiant de la désignation.")]
    public string DesignationId { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Indiquez le motif.")]
    [StringLength(500, ErrorMessage = "Le motif tient en 500 caractères au plus.")]
    public string Reason { get; set; } = string.Empty;

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() => SubmitAsync(async ct =>
    {
        var answer = await services.Registry.RevokeDesignationAsync(
            new RevokeDesignationRequest { RequestId = RequestId, DesignationId = DesignationId.Trim(), Reason = Reason }, cancellationToken: ct);
        services.Revisions.SawRegistry(answer.Revision);
        Done = $"Désignation {answer.Designation.Id} révoquée le {FrenchDates.When(answer.Designation.RevokedAt)}.";
    });
}
