using Clspd.Records.V1;
using Clspd.Web.Display;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clspd.Web.Pages.Personnes;

/// <summary>The subject-access export as a printable page, with who accessed the file (REC-10).</summary>
public sealed class ExportModel(Gateway.Services services, FrenchDates dates) : PageModel
{
    public ExportSubjectFileResponse Answer { get; private set; } = new();

    public string Produced => FrenchDates.When(dates.Now);

    public async Task OnGetAsync(string subjectRef) =>
        Answer = await services.SubjectRights.ExportSubjectFileAsync(new ExportSubjectFileRequest { SubjectRef = subjectRef }, cancellationToken: HttpContext.RequestAborted);
}
