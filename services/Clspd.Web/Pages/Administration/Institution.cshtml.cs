using System.ComponentModel.DataAnnotations;
using Clspd.Registry.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Administration;

/// <summary>Records a partner institution: a platform administrator or a council's coordinator (REG-3).</summary>
public sealed class InstitutionModel(Gateway.Services services) : FormPage
{
    public static readonly InstitutionKind[] Kinds = [.. Enum.GetValues<InstitutionKind>().Where(k => k != InstitutionKind.Unspecified)];

    [BindProperty]
    public string RequestId { get; set; } = Guid.CreateVersion7().ToString();

    [BindProperty]
    [Required(ErrorMessage = "Indiquez le nom de l'institution.")]
    [StringLength(200, ErrorMessage = "Le nom tient en 200 caractères au plus.")]
    public string Name { get; set; } = string.Empty;

    [BindProperty]
    public InstitutionKind Kind { get; set; } = InstitutionKind.DepartmentSocialServices;

    [BindProperty]
    [RegularExpression("^[0-9]{14}$", ErrorMessage = "Le SIRET compte 14 chiffres.")]
    public string? Siret { get; set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() => SubmitAsync(async ct =>
    {
        var answer = await services.Registry.CreateInstitutionAsync(
            new CreateInstitutionRequest { RequestId = RequestId, Name = Name.Trim(), Kind = Kind, Siret = Siret?.Trim() ?? string.Empty }, cancellationToken: ct);
        services.Revisions.SawRegistry(answer.Revision);
        var nominative = answer.Institution.NonNominative ? " Ses agents ne recevront jamais de données nominatives (REG-6)." : string.Empty;
        Done = $"Institution « {answer.Institution.Name} » ({Labels.InstitutionKind(answer.Institution.Kind)}) enregistrée : identifiant {answer.Institution.Id}.{nominative}";
        RequestId = Guid.CreateVersion7().ToString();
        (Name, Siret) = (string.Empty, null);
        ModelState.Clear();
    });
}
