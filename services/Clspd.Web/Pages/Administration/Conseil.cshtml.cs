using System.ComponentModel.DataAnnotations;
using Clspd.Registry.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Administration;

/// <summary>Creates a council: a platform administrator only (REG-1).</summary>
public sealed class ConseilModel(Gateway.Services services) : FormPage
{
    public static readonly CouncilKind[] Kinds = [CouncilKind.Clspd, CouncilKind.Cispd];

    [BindProperty]
    public string RequestId { get; set; } = Guid.CreateVersion7().ToString();

    [BindProperty]
    [Required(ErrorMessage = "Indiquez le nom du conseil.")]
    [StringLength(200, ErrorMessage = "Le nom tient en 200 caractères au plus.")]
    public string Name { get; set; } = string.Empty;

    [BindProperty]
    public CouncilKind Kind { get; set; } = CouncilKind.Clspd;

    /// <summary>The communes' INSEE codes, separated by spaces, commas or lines.</summary>
    [BindProperty]
    [Required(ErrorMessage = "Indiquez le code INSEE d'au moins une commune.")]
    public string Communes { get; set; } = string.Empty;

    [BindProperty]
    [StringLength(200, ErrorMessage = "Le nom du responsable tient en 200 caractères au plus.")]
    public string? ControllerName { get; set; }

    [BindProperty]
    [StringLength(200, ErrorMessage = "Le nom du coordonnateur tient en 200 caractères au plus.")]
    public string? CoordinatorName { get; set; }

    /// <summary>The council just created, or null.</summary>
    public Council? Created { get; private set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() => SubmitAsync(async ct =>
    {
        var answer = await services.Registry.CreateCouncilAsync(new CreateCouncilRequest
        {
            RequestId = RequestId, Name = Name.Trim(), Kind = Kind,
            CommuneInseeCodes = { Entries.Split(Communes) },
            ControllerName = ControllerName?.Trim() ?? string.Empty, CoordinatorName = CoordinatorName?.Trim() ?? string.Empty,
        }, cancellationToken: ct);
        services.Revisions.SawRegistry(answer.Revision);
        Created = answer.Council;
        Done = $"Conseil « {answer.Council.Name} » ({Labels.CouncilKind(answer.Council.Kind)}) créé : identifiant {answer.Council.Id}.";
        RequestId = Guid.CreateVersion7().ToString();
        (Name, Communes, ControllerName, CoordinatorName) = (string.Empty, string.Empty, null, null);
        ModelState.Clear();
    });
}
