using System.ComponentModel.DataAnnotations;
using Clspd.Records.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Conseils;

/// <summary>
/// The coordinator's export of the council's named cases (optionally of one group), for a reason
/// chosen from the list, page by page: each page is printable, every case exported is audited (REC-10).
/// </summary>
public sealed class ExportModel(Gateway.Services services, FrenchDates dates) : FormPage
{
    /// <summary>Cases per page.</summary>
    public const int Step = 20;

    public static readonly ExportReason[] Reasons = [ExportReason.SupervisoryControl, ExportReason.LegalClaim, ExportReason.ControllerHandover];

    [FromRoute]
    public string CouncilId { get; set; } = string.Empty;

    [BindProperty]
    [Required(ErrorMessage = "Choisissez le motif de l'export.")]
    public ExportReason? Reason { get; set; }

    [BindProperty]
    public string? GroupId { get; set; }

    /// <summary>The last case of the previous page (empty for the first page).</summary>
    [BindProperty]
    public string? After { get; set; }

    /// <summary>Cases exported by the previous pages of this export.</summary>
    [BindProperty]
    public int Before { get; set; }

    /// <summary>The page number shown (1 for the first).</summary>
    [BindProperty]
    public int PageNumber { get; set; }

    public ExportCasesResponse? Answer { get; private set; }

    public string Produced => FrenchDates.When(dates.Now);

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() => SubmitAsync(async ct =>
    {
        Answer = await services.SubjectRights.ExportCasesAsync(new ExportCasesRequest
        {
            CouncilId = CouncilId, GroupId = GroupId?.Trim() ?? string.Empty, Reason = Reason!.Value, PageSize = Step, AfterCaseId = After ?? string.Empty,
        }, cancellationToken: ct);
        PageNumber++;
        ModelState.Clear();
        var last = string.IsNullOrEmpty(Answer.NextAfterCaseId) ? " : l'export est complet." : " ; la suite est à la page suivante.";
        Done = $"Page {PageNumber} : dossiers {(Answer.Cases.Count == 0 ? Before : Before + 1)} à {Before + Answer.Cases.Count} exportés pour « {RecordLabels.Export(Reason!.Value)} »{last}";
    });
}
