using System.Diagnostics;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Clspd.ServiceDefaults.Telemetry;

/// <summary>
/// An activity (<see cref="ClspdActivities.Peers"/>) around each unary call to another service: which peer, which
/// method, which status. Nothing is started when no one listens.
/// </summary>
public sealed class PeerCallInterceptor(string peer) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        var activity = ClspdActivities.Peers.StartActivity(context.Method.FullName, ActivityKind.Client);
        if (activity is null)
        {
            return continuation(request, context);
        }

        activity.SetTag("rpc.system", "grpc");
        activity.SetTag("clspd.peer", peer);
        activity.SetTag("rpc.method", context.Method.FullName);
        var call = continuation(request, context);
        return new AsyncUnaryCall<TResponse>(Completed(call.ResponseAsync, activity), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    private static async Task<TResponse> Completed<TResponse>(Task<TResponse> response, Activity activity)
    {
        try
        {
            var result = await response.ConfigureAwait(false);
            activity.SetTag("rpc.grpc.status_code", (int)StatusCode.OK);
            return result;
        }
        catch (RpcException e)
        {
            activity.SetTag("rpc.grpc.status_code", (int)e.StatusCode);
            activity.SetStatus(ActivityStatusCode.Error, e.StatusCode.ToString());
            throw;
        }
        finally
        {
            activity.Dispose();
        }
    }
}
