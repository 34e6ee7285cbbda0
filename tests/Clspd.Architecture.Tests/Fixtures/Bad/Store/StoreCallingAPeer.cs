using Clspd.Architecture.Tests.Fixtures.Bad.Peers;

namespace Clspd.Architecture.Tests.Fixtures.Bad.Store;

/// <summary>Deliberately wrong: a store that calls another service.</summary>
public sealed class StoreCallingAPeer(RegistryPeer registry)
{
    public bool Known(string subject) => registry.Known(subject);
}
