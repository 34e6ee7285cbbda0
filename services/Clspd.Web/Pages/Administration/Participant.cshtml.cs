using System.ComponentModel.DataAnnotations;
using Clspd.Registry.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Administration;

/// <summary>Registers a person working for an institution: a platform administrator or a council's coordinator (REG-4).</summary>
public sealed class ParticipantModel(Gateway.Services services) : FormPage
{
    [BindProperty]
    public string RequestId { get; set; } = Guid.CreateVersion7().ToString();

    [BindProperty]
    [Required(ErrorMessage = "Indiquez le nom et le prénom.")]
    [StringLength(200, ErrorMessage = "Le nom tient en 200 caractères au plus.")]
    public string FullName { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Indiquez la fonction.")]
    [StringLength(200, ErrorMessage = "La fonction tient en 200 caractères au plus.")]
    public string Function { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Indiquez l'identifiant de l'institution employeur.")]
    public string InstitutionId { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Indiquez l'adresse électronique professionnelle.")]
    public string Email { get; set; } = string.Empty;

    /// <summary>The sign-in subjects (<c>sub</c>), one per line.</summary>
    [BindProperty]
    [Required(ErrorMessage = "Indiquez au moins un identifiant de connexion.")]
    public string Subjects { get; set; } = string.Empty;

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() => SubmitAsync(async ct =>
    {
        var answer = await services.Registry.RegisterParticipantAsync(new RegisterParticipantRequest
        {
            RequestId = RequestId, FullName = FullName.Trim(), Function = Function.Trim(), InstitutionId = InstitutionId.Trim(), Email = Email.Trim(),
            Subjects = { Entries.Split(Subjects) },
        }, cancellationToken: ct);
        services.Revisions.SawRegistry(answer.Revision);
        Done = $"Participant « {answer.Participant.FullName} » inscrit : identifiant {answer.Participant.Id} ; il se connecte comme {string.Join(", ", answer.Participant.Subjects)}.";
        RequestId = Guid.CreateVersion7().ToString();
        (FullName, Function, InstitutionId, Email, Subjects) = (string.Empty, string.Empty, string.Empty, string.Empty, string.Empty);
        ModelState.Clear();
    });
}
