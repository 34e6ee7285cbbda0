using Grpc.Core;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Clspd.Web.Display;

/// <summary>
/// Turns a service's refusal during any page handler into the refusal page with the right HTTP
/// status; an expired or refused token sends the person to sign in again.
/// </summary>
public sealed class RefusalFilter(IModelMetadataProvider metadata) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Exception is not RpcException rpc || executed.ExceptionHandled)
        {
            return;
        }

        executed.ExceptionHandled = true;
        if (rpc.StatusCode == StatusCode.Unauthenticated)
        {
            executed.Result = new ChallengeResult();
            return;
        }

        var refusal = Refusal.From(rpc);
        executed.Result = new ViewResult
        {
            ViewName = "Refus",
            StatusCode = refusal.HttpStatus,
            ViewData = new ViewDataDictionary<Refusal>(metadata, context.ModelState) { Model = refusal },
        };
    }
}
