namespace Clspd.Architecture.Tests.Fixtures.Bad.Peers;

/// <summary>A call to another service.</summary>
public sealed class RegistryPeer(string address)
{
    public bool Known(string subject) => subject.Length > 0 && address.Length > 0;
}
