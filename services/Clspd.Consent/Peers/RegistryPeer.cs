using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Errors;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Clspd.Consent.Peers;

/// <summary>
/// Asks the registry (with this service's own token) which designations a token subject holds now.
/// Registered only when <c>Services:Registry</c> is configured; if the registry does not answer, the
/// call fails as Unavailable and the caller is not authorised (fail closed). Never called with a
/// database session open.
/// </summary>
public sealed class RegistryPeer(RegistryService.RegistryServiceClient registry, TimeProvider time, IOptions<PeerOptions> peers)
{
    private TimeSpan Timeout => peers.Value.CallTimeout(TimeSpan.FromSeconds(5));

    /// <summary>The subject's designations in force now, as the registry lists them.</summary>
    public async Task<IReadOnlyList<Designation>> DesignationsNowAsync(string subject, CancellationToken ct)
    {
        try
        {
            var reply = await registry.ListSubjectDesignationsAsync(
                new ListSubjectDesignationsRequest { Subject = subject, At = time.GetUtcNow().ToTimestamp() },
                deadline: DateTime.UtcNow + Timeout, cancellationToken: ct);
            return reply.Designations;
        }
        catch (RpcException ex) when (ex.StatusCode != StatusCode.Cancelled || !ct.IsCancellationRequested)
        {
            throw new UnavailableException("the registry cannot be reached to check the caller's designation; retry later", ex);
        }
    }
}
