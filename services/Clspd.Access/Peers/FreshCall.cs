using Clspd.ServiceDefaults.Errors;
using Grpc.Core;

namespace Clspd.Access.Peers;

/// <summary>
/// ACC-7: a call to a fact source that must answer at least as fresh as the revision the caller
/// has seen. A source that does not answer, or stays older than that revision for the freshness
/// wait, fails closed with <see cref="UnavailableException"/>.
/// </summary>
public static class FreshCall
{
    public static async Task<T> RunAsync<T>(string source, long minRevision, TimeSpan freshnessWait, Func<T, long> revisionOf, Func<Task<T>> call, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(revisionOf);
        ArgumentNullException.ThrowIfNull(call);
        var giveUpAt = DateTime.UtcNow + freshnessWait;
        while (true)
        {
            T reply;
            try
            {
                reply = await call();
            }
            catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !ct.IsCancellationRequested)
            {
                throw new UnavailableException($"ACC-7: the {source} service, which holds {Holds(source)}, could not be reached, so access is denied: try again in a moment", ex);
            }

            if (revisionOf(reply) >= minRevision)
            {
                return reply;
            }

            if (DateTime.UtcNow >= giveUpAt)
            {
                throw new UnavailableException($"ACC-7: the {source} facts are older than revision {minRevision} you have seen; access is denied until they catch up");
            }

            await Task.Delay(50, ct);
        }
    }

    private static string Holds(string source) => source == "registry" ? "the designations a decision rests on" : "the informing and consent a decision rests on";
}
