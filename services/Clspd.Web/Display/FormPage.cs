using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Clspd.Web.Display;

/// <summary>
/// A page with a form: a refusal of the services is shown above the form, which keeps what the
/// person typed, with the refusal's HTTP status.
/// </summary>
public abstract class FormPage : PageModel
{
    /// <summary>The refusal of the last submission, or null.</summary>
    public Refusal? Refusal { get; private set; }

    /// <summary>What the last submission recorded, in a sentence, or null.</summary>
    public string? Done { get; protected set; }

    /// <summary>Runs <paramref name="call"/>; a refusal (other than an expired sign-in) is kept for the page.</summary>
    protected async Task<IActionResult> SubmitAsync(Func<CancellationToken, Task> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        try
        {
            await call(HttpContext.RequestAborted);
        }
        catch (RpcException ex) when (ex.StatusCode != Grpc.Core.StatusCode.Unauthenticated)
        {
            Refusal = Display.Refusal.From(ex);
            Response.StatusCode = Refusal.HttpStatus;
        }

        return Page();
    }
}
