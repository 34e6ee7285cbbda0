using System.Collections.Concurrent;
using Clspd.Registry.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Clspd.Local.SignIn;

/// <summary>
/// The participants of the registry and the subjects they sign in with, for the sign-in page: kept
/// current by following the registry's change feed from the start. No RPC lists every participant
/// to a person (not even to the bootstrap administrator), and the feed is served to the services
/// only, on the services' own listeners: the local stack reads it directly from the registry as
/// the access service does, with that service's development certificate and identity.
/// </summary>
public sealed class RegistryParticipants
{
    private readonly ConcurrentDictionary<string, Participant> _participants = new(StringComparer.Ordinal);

    /// <summary>One entry per subject, ordered by the participant's name.</summary>
    public IReadOnlyList<KnownSubject> Current =>
    [
        .. _participants.Values.OrderBy(p => p.FullName, StringComparer.CurrentCulture)
            .SelectMany(p => p.Subjects.Select(s => new KnownSubject(s, $"{p.FullName} — {p.Function}"))),
    ];

    /// <summary>Follows the feed until cancelled, reconnecting after a failure (the registry restarting, a token expiring).</summary>
    public async Task FollowAsync(Func<GrpcChannel> connect, Func<string> token, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        long revision = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var channel = connect();
                var client = new RegistryService.RegistryServiceClient(channel);
                using var call = client.Watch(new WatchRequest { FromRevision = revision },
                    new Metadata { { "authorization", $"Bearer {token()}" } }, cancellationToken: cancellationToken);
                await foreach (var change in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    revision = change.Revision;
                    if (change.Participant is { } participant)
                    {
                        _participants[participant.Id] = participant;
                    }
                }
            }
            catch (Exception e) when (e is RpcException or OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                // Stopped: the call ends as cancelled.
                return;
            }
            catch (Exception e) when (e is RpcException or HttpRequestException or IOException)
            {
                // Followed again from the last revision seen.
            }

            try
            {
                await Task.Delay(retryAfter, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
