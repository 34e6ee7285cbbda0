using Clspd.Consent.Domain;
using Clspd.Registry.V1;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clspd.Consent.Peers;

/// <summary>
/// The registry to ask about a subject's council: with communes configured
/// (<c>Consent:Communes</c>), the registry of the commune that runs the council (none for a council
/// no commune runs); otherwise the one <c>Services:Registry</c>, if configured.
/// </summary>
public sealed class RegistryPeers(IServiceProvider services, IOptions<ConsentOptions> options)
{
    private readonly Dictionary<string, RegistryPeer> _byCommune = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The client name of a commune's registry (<c>GrpcClientFactory</c>).</summary>
    public static string ClientName(string commune) => "Registry:" + commune;

    /// <summary>The registry holding the designations of <paramref name="councilId"/>, or null.</summary>
    public RegistryPeer? For(string? councilId)
    {
        var communes = options.Value.CommuneList;
        if (communes.Count == 0)
        {
            return services.GetService<RegistryPeer>();
        }

        if (CommuneScope.CommuneOf(communes, councilId) is not { } commune)
        {
            return null;
        }

        lock (_lock)
        {
            if (!_byCommune.TryGetValue(commune.Name, out var peer))
            {
                var client = services.GetRequiredService<GrpcClientFactory>().CreateClient<RegistryService.RegistryServiceClient>(ClientName(commune.Name));
                peer = ActivatorUtilities.CreateInstance<RegistryPeer>(services, client);
                _byCommune[commune.Name] = peer;
            }

            return peer;
        }
    }
}
