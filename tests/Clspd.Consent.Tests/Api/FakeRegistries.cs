using Clspd.Consent.Peers;
using Grpc.Net.ClientFactory;

namespace Clspd.Consent.Tests.Api;

/// <summary>One fake registry per commune, handed out by name as the gRPC client factory does.</summary>
public sealed class FakeRegistries : GrpcClientFactory
{
    public Dictionary<string, FakeRegistry> ByCommune { get; } = new(StringComparer.Ordinal) { ["a"] = new(), ["b"] = new() };

    public override TClient CreateClient<TClient>(string name) =>
        ByCommune.Single(c => RegistryPeers.ClientName(c.Key) == name).Value as TClient
        ?? throw new InvalidOperationException($"no fake {typeof(TClient).Name} named {name}");
}
