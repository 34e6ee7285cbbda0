using Clspd.Gateway.Configuration;
using Clspd.Gateway.Diagnostics;
using Clspd.ServiceDefaults;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Clspd.Gateway.Limits;

/// <summary>
/// GW-2: a call whose request body exceeds <c>Gateway:MaxRequestBytes</c> gets <c>ResourceExhausted</c> (413 for a JSON call).
/// A declared Content-Length over the limit is refused before the service is called; otherwise the
/// body is counted as it is forwarded, and the call is cut when it goes over or when a gRPC message
/// prefix declares a length that would take it over (a stream sent without Content-Length).
/// </summary>
public sealed class RequestSizeLimitMiddleware(RequestDelegate next, IOptions<GatewayOptions> options, GatewayMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBytes;
        if (context.Request.ContentLength > limit)
        {
            await RefuseAsync(context, limit);
            return;
        }

        // gRPC frames, except gRPC-Web's base64 text, whose prefixes are not bytes on the wire.
        var frames = GrpcResponses.IsGrpc(context.Request)
            && context.Request.ContentType?.StartsWith("application/grpc-web-text", StringComparison.OrdinalIgnoreCase) != true;
        var body = new LimitedRequestStream(context.Request.Body, limit, frames);
        context.Request.Body = body;
        await next(context);

        if (body.LimitExceeded && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await RefuseAsync(context, limit);
        }
    }

    private Task RefuseAsync(HttpContext context, long limit)
    {
        metrics.Rejected("GW-2", "request_size");
        return GrpcResponses.WriteStatusAsync(context.Response, StatusCode.ResourceExhausted,
            $"GW-2: the request is larger than the {limit} bytes this gateway accepts per call", StatusCodes.Status413PayloadTooLarge);
    }
}
