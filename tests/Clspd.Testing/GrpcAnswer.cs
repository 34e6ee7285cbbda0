using Grpc.Core;

namespace Clspd.Testing;

/// <summary>What a caller learns from a call: compared whole when two calls must be told apart by nothing.</summary>
public static class GrpcAnswer
{
    /// <summary>The whole answer: status code, message and the encoded google.rpc details of the trailers.</summary>
    public static async Task<(StatusCode Code, string Detail, string Details)> OfAsync(Func<Task> call)
    {
        try
        {
            await call();
            return (StatusCode.OK, "", "");
        }
        catch (RpcException ex)
        {
            return (ex.StatusCode, ex.Status.Detail, Convert.ToBase64String(ex.Trailers.GetValueBytes("grpc-status-details-bin") ?? []));
        }
    }
}
