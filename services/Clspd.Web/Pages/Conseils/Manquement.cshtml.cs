using System.ComponentModel.DataAnnotations;
using Clspd.Registry.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Conseils;

/// <summary>Records a confidentiality breach: the participant's designations end now (REG-5).</summary>
public sealed class ManquementModel(Gateway.Services services) : FormPage
{
    [BindProperty]
    public string RequestId { get; set; } = Guid.CreateVersion7().ToString();

    [BindProperty]
    [Required(ErrorMessage = "Indiquez l'identifiant du participant.")]
    public string ParticipantId { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Indiquez ce qui s'est passé.")]
    [StringLength(500, ErrorMessage = "Le motif tient en 500 caractères au plus.")]
    public string Reason { get; set; } = string.Empty;

    public void OnGet(string councilId)
    {
    }

    public Task<IActionResult> OnPostAsync(string councilId) => SubmitAsync(async ct =>
    {
        var answer = await services.Registry.RecordConfidentialityBreachAsync(new RecordConfidentialityBreachRequest
        {
            RequestId = RequestId,
            CouncilId = councilId,
            ParticipantId = ParticipantId.Trim(),
            Reason = Reason,
        }, cancellationToken: ct);
        services.Revisions.SawRegistry(answer.Revision);
        Done = $"Manquement enregistré le {FrenchDates.When(answer.Breach.RecordedAt)} : {answer.EndedDesignations.Count} désignation(s) terminée(s).";
    });
}
