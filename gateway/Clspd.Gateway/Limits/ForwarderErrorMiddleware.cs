using Clspd.ServiceDefaults;
using Grpc.Core;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Clspd.Gateway.Limits;

/// <summary>
/// Turns a failed forward (service down, refused connection, timeout) into a gRPC status the client
/// understands, instead of the bare 502/503/504 the proxy sets. Only while nothing was sent back yet;
/// once the service's response has started, the proxy resets the stream itself.
/// </summary>
public sealed class ForwarderErrorMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);

        var error = context.Features.Get<IForwarderErrorFeature>()?.Error ?? ForwarderError.None;
        if (error == ForwarderError.None || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var service = context.GetReverseProxyFeature().Route.Config.ClusterId ?? "requested";
        var (code, message) = error switch
        {
            ForwarderError.RequestTimedOut => (StatusCode.DeadlineExceeded, $"the {service} service did not answer in time"),
            ForwarderError.RequestBodyClient => (StatusCode.Cancelled, "the request body could not be read from the client"),
            _ => (StatusCode.Unavailable, $"the {service} service is unreachable"),
        };
        context.Response.Clear();
        await GrpcResponses.WriteStatusAsync(context.Response, code, message);
    }
}
