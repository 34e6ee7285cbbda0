using System.ComponentModel.DataAnnotations;
using Clspd.Records.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Dossiers;

/// <summary>Moves a case to another body of its council, for a listed reason (REC-8).</summary>
public sealed class DeplacerModel(Gateway.Services services) : FormPage
{
    public static readonly MoveReason[] Reasons = [MoveReason.IndividualPrevention, MoveReason.ParentalResponsibility, MoveReason.OpenedInWrongBody, MoveReason.ChangeOfTerritory];

    [FromRoute]
    public string CaseId { get; set; } = string.Empty;

    [BindProperty]
    public string RequestId { get; set; } = Guid.CreateVersion7().ToString();

    [BindProperty]
    [Required(ErrorMessage = "Indiquez le groupe d'arrivée.")]
    public string TargetGroupId { get; set; } = string.Empty;

    [BindProperty]
    public MoveReason Reason { get; set; } = MoveReason.IndividualPrevention;

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() => SubmitAsync(async ct =>
    {
        var answer = await services.Bodies.MoveCaseAsync(
            new MoveCaseRequest { RequestId = RequestId, CaseId = CaseId, TargetGroupId = TargetGroupId.Trim(), Reason = Reason }, cancellationToken: ct);
        Done = $"Dossier {answer.Case.CaseCode} déplacé (décision d'accès {answer.DecisionId}).";
    });
}
