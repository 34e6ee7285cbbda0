using Clspd.Records.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc;

namespace Clspd.Web.Pages.Dossiers;

/// <summary>Opens an archived case for a typed reason (the reason is audited).</summary>
public sealed class OuvrirArchiveModel(Gateway.Services services) : FormPage
{
    public static readonly ArchiveOpeningReason[] Reasons =
        [ArchiveOpeningReason.SubjectAccessRequest, ArchiveOpeningReason.RectificationRequest, ArchiveOpeningReason.LegalClaim, ArchiveOpeningReason.SupervisoryControl];

    [FromRoute]
    public string CaseId { get; set; } = string.Empty;

    [BindProperty]
    public ArchiveOpeningReason Reason { get; set; } = ArchiveOpeningReason.SubjectAccessRequest;

    public OpenArchivedCaseResponse? Opened { get; private set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync() => SubmitAsync(async ct =>
    {
        Opened = await services.Lifecycle.OpenArchivedCaseAsync(new OpenArchivedCaseRequest { CaseId = CaseId, Reason = Reason }, cancellationToken: ct);
        Done = $"Dossier archivé ouvert pour le motif : {RecordLabels.ArchiveOpening(Reason)}.";
    });
}
