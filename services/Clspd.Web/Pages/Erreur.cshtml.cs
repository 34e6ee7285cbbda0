using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clspd.Web.Pages;

/// <summary>The page of an unexpected error or of an HTTP status without a page: a sentence, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErreurModel : PageModel
{
    public string Title { get; private set; } = "Erreur";

    public string Sentence { get; private set; } = "La console n'a pas pu traiter la demande ; réessayez plus tard.";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        (Title, Sentence) = code switch
        {
            400 => ("Demande invalide", "La demande n'a pas pu être lue (formulaire expiré ou incomplet) : rechargez la page et recommencez."),
            403 => ("Accès refusé", "Vous n'avez pas accès à cette page."),
            404 => ("Page introuvable", "Cette adresse ne correspond à aucune page de la console."),
            _ => (Title, Sentence),
        };
    }
}
