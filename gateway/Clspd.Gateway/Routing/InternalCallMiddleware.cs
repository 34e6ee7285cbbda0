using Clspd.Gateway.Diagnostics;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Grpc.Core;

namespace Clspd.Gateway.Routing;

/// <summary>
/// GW-1: the RPCs between services only (<see cref="ServiceCallPolicy.InternalOnly"/>, the change
/// feeds) are not routed by the gateway to anyone, whatever the token: PermissionDenied.
/// </summary>
public sealed class InternalCallMiddleware(RequestDelegate next, GatewayMetrics metrics)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (ServiceCallPolicy.InternalOnly.Contains(path))
        {
            metrics.Rejected("GW-1", "internal_method");
            return GrpcResponses.WriteStatusAsync(context.Response, StatusCode.PermissionDenied,
                $"GW-1: {path} is called between services only; the gateway routes it to no one");
        }

        return next(context);
    }
}
