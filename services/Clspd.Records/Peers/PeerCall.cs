using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Clspd.Records.Peers;

/// <summary>
/// One call to another service, the way every peer of records makes it: the shared deadline, and any
/// failure to get an answer fails closed with Unavailable naming the service (unless the caller
/// turns the status into another error, e.g. NotFound for an unknown id).
/// </summary>
public sealed class PeerCall(IOptions<PeerOptions> peers)
{
    private TimeSpan Timeout => peers.Value.CallTimeout(TimeSpan.FromSeconds(5));

    /// <summary>
    /// One call to a peer with the shared deadline. No answer fails closed: with Unavailable naming
    /// the service, unless <paramref name="refusal"/> turns the status into another error (e.g.
    /// NotFound for an unknown id, or the access checks' own ACC-7 wording).
    /// </summary>
    public async Task<T> AskAsync<T>(string service, Func<DateTime, AsyncUnaryCall<T>> call, Func<RpcException, Exception?>? refusal = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return await call(DateTime.UtcNow + Timeout);
        }
        catch (RpcException ex)
        {
            throw refusal?.Invoke(ex) ?? new UnavailableException($"the {service} service did not answer ({ex.StatusCode}); retry later", ex);
        }
    }

    /// <summary>The peer does not know the id: NotFound naming what was asked for; any other failure stays Unavailable.</summary>
    public static Func<RpcException, Exception?> NotFound(string kind, string id) =>
        ex => ex.StatusCode == StatusCode.NotFound ? new NotFoundException(kind, id) : null;
}
