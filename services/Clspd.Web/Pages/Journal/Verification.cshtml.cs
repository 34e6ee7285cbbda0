using System.Globalization;
using Clspd.Access.V1;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clspd.Web.Pages.Journal;

/// <summary>
/// Verifies the audit trail in steps, one per page load, so that a long trail shows its progress:
/// each step passes on the last sequence and hash it verified, and the page refreshes itself until done.
/// </summary>
public sealed class VerificationModel(Gateway.Services services) : PageModel
{
    /// <summary>Entries verified by one step.</summary>
    public const long Step = 2000;

    public VerifyAuditResponse Answer { get; private set; } = new();

    public long Checked { get; private set; }

    public string? Next { get; private set; }

    public long Percent => Answer.TrailLength == 0 ? 100 : Checked * 100 / Answer.TrailLength;

    public async Task OnGetAsync(long apres = 0, string? empreinte = null, long verifiees = 0)
    {
        Answer = await services.Audit.VerifyAuditAsync(
            new VerifyAuditRequest { AfterSequence = apres, AfterHash = apres > 0 ? empreinte ?? string.Empty : string.Empty, MaxEntries = Step },
            cancellationToken: HttpContext.RequestAborted);
        Checked = verifiees + Answer.EntriesChecked;
        if (Answer.Intact && !Answer.Complete)
        {
            Next = string.Create(CultureInfo.InvariantCulture,
                $"/journal/verification?apres={Answer.LastSequence}&empreinte={Uri.EscapeDataString(Answer.HeadHash)}&verifiees={Checked}");
        }
    }
}
