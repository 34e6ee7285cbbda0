using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Clspd.Web.Pages;

/// <summary>Ends the session here, and at the authority when it offers an end-session endpoint.</summary>
public sealed class DeconnexionModel(IOptionsMonitor<OpenIdConnectOptions> oidc, Gateway.SeenRevisions seen) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = options.Configuration ??
                            (options.ConfigurationManager is null ? null : await options.ConfigurationManager.GetConfigurationAsync(HttpContext.RequestAborted));
        seen.Forget(User);
        var properties = new AuthenticationProperties { RedirectUri = "/" };
        return string.IsNullOrEmpty(configuration?.EndSessionEndpoint)
            ? SignOut(properties, CookieAuthenticationDefaults.AuthenticationScheme)
            : SignOut(properties, CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme);
    }
}
