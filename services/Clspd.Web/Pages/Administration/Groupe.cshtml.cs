using System.ComponentModel.DataAnnotations;
using Clspd.Registry.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Administration;

/// <summary>Creates a body of a council: a platform administrator or the council's coordinator (REG-2).</summary>
public sealed class GroupeModel(Gateway.Services services) : FormPage
{
    public static readonly GroupKind[] Kinds = [GroupKind.Territorial, GroupKind.Thematic, GroupKind.Operational, GroupKind.Cddf, GroupKind.Plenary, GroupKind.Restricted];

    [BindProperty]
    public string RequestId { get; set; } = Guid.CreateVersion7().ToString();

    [BindProperty(SupportsGet = true, Name = "conseil")]
    [Required(ErrorMessage = "Indiquez l'identifiant du conseil.")]
    public string CouncilId { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Indiquez le nom du groupe.")]
    [StringLength(200, ErrorMessage = "Le nom tient en 200 caractères au plus.")]
    public string Name { get; set; } = string.Empty;

    [BindProperty]
    public GroupKind Kind { get; set; } = GroupKind.Territorial;

    /// <summary>The group just created, or null.</summary>
    public Group? Created { get; private set; }

    public void OnGet() => ModelState.Clear();

    public Task<IActionResult> OnPostAsync() => SubmitAsync(async ct =>
    {
        var answer = await services.Registry.CreateGroupAsync(
            new CreateGroupRequest { RequestId = RequestId, CouncilId = CouncilId.Trim(), Name = Name.Trim(), Kind = Kind }, cancellationToken: ct);
        services.Revisions.SawRegistry(answer.Revision);
        Created = answer.Group;
        var cases = answer.Group.MayHoldCases ? "il peut examiner des situations individuelles" : "il n'examine aucune situation individuelle (REG-2)";
        Done = $"Groupe « {answer.Group.Name} » ({Labels.GroupKind(answer.Group.Kind)}) créé : identifiant {answer.Group.Id} ; {cases}.";
        RequestId = Guid.CreateVersion7().ToString();
        Name = string.Empty;
        ModelState.Clear();
    });
}
