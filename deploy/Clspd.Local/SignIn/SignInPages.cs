using System.Text;
using System.Text.Encodings.Web;

namespace Clspd.Local.SignIn;

/// <summary>The French pages of the development sign-in: the chooser, a refusal, the form_post hand-back, the signed-out page.</summary>
public static class SignInPages
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    public static string Chooser(AuthorizationRequest request, IReadOnlyList<KnownSubject> subjects)
    {
        var hidden = string.Concat(request.Parameters.Where(p => p.Value is not null)
            .Select(p => $"<input type=\"hidden\" name=\"{p.Name}\" value=\"{Html.Encode(p.Value!)}\">"));
        var body = new StringBuilder();
        body.Append("<h1>Connexion de développement</h1>");
        body.Append("<p>Pile locale seulement (boucle locale) : choisissez sous quelle identité entrer dans la console. Aucun mot de passe n'est demandé.</p>");
        body.Append("<h2 id=\"inscrits\">Identités inscrites</h2>");
        body.Append($"<form method=\"post\" action=\"authorize\">{hidden}<ul aria-labelledby=\"inscrits\">");
        foreach (var subject in subjects.Prepend(new KnownSubject("admin", "Administrateur de la pile locale")))
        {
            body.Append($"<li><button type=\"submit\" name=\"subject\" value=\"{Html.Encode(subject.Subject)}\">{Html.Encode(subject.Label)} ({Html.Encode(subject.Subject)})</button></li>");
        }

        body.Append("</ul></form>");
        body.Append("<h2>Autre identité</h2>");
        body.Append($"<form method=\"post\" action=\"authorize\">{hidden}");
        body.Append("<label for=\"subject\">Identifiant (sub)</label> <input id=\"subject\" name=\"subject\" required autocomplete=\"off\"> ");
        body.Append("<button type=\"submit\">Se connecter</button></form>");
        return Page("Connexion de développement — CLSPD", body.ToString());
    }

    public static string Refused(string problem) =>
        Page("Demande de connexion refusée — CLSPD", $"<h1>Demande de connexion refusée</h1><p>{Html.Encode(problem)}</p>");

    public static string SignedOut() =>
        Page("Déconnecté — CLSPD", "<h1>Vous êtes déconnecté</h1><p>La connexion de développement ne garde aucune session.</p>");

    /// <summary>The code handed back by a POST to the client's redirect URI (response_mode=form_post), submitted at once.</summary>
    public static string FormPost(string redirectUri, IEnumerable<(string Name, string? Value)> fields)
    {
        var inputs = string.Concat(fields.Where(f => f.Value is not null)
            .Select(f => $"<input type=\"hidden\" name=\"{f.Name}\" value=\"{Html.Encode(f.Value!)}\">"));
        return Page("Connexion en cours — CLSPD",
            $"<h1>Connexion en cours</h1><form method=\"post\" action=\"{Html.Encode(redirectUri)}\">{inputs}<button type=\"submit\">Continuer vers la console</button></form>"
            + "<script>document.forms[0].submit();</script>");
    }

    private static string Page(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{Html.Encode(title)}</title></head>"
        + $"<body><main>{body}</main></body></html>";
}
