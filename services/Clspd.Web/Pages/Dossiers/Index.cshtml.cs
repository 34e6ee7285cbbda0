using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clspd.Web.Pages.Dossiers;

/// <summary>Asks for a case id (the services offer no list of "my cases"; the case ids come from the designations and the meetings).</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }

    public IActionResult OnGetOuvrir(string? id) =>
        string.IsNullOrWhiteSpace(id) ? Page() : Redirect("/dossiers/" + Uri.EscapeDataString(id.Trim()));
}
