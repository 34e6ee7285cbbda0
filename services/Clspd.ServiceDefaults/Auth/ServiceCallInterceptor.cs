using Clspd.ServiceDefaults.Errors;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Clspd.ServiceDefaults.Auth;

/// <summary>
/// Enforces <see cref="ServiceCallPolicy"/>: a call made with a service identity reaches only the
/// RPCs granted to that service; anything else is PermissionDenied naming GW-1 and the service.
/// </summary>
public sealed class ServiceCallInterceptor(CallerResolver callers) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authorize(ServerCallContext context)
    {
        if (context.GetHttpContext().User.Identity?.IsAuthenticated != true)
        {
            // Health is anonymous; everything else was refused by the fallback policy already.
            return;
        }

        var caller = callers.Resolve(context);
        if (caller.Service is { } service && !ServiceCallPolicy.Allows(service, context.Method))
        {
            throw new PermissionDeniedException("GW-1",
                $"the {service} service may not call {context.Method}: each internal RPC names the peer services allowed to call it, " +
                "and no service records or alters a consent, a designation or a case on a person's behalf");
        }
    }
}
