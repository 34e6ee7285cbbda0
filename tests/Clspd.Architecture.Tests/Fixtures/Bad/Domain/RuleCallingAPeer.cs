using Clspd.Architecture.Tests.Fixtures.Bad.Peers;

namespace Clspd.Architecture.Tests.Fixtures.Bad.Domain;

/// <summary>Deliberately wrong: a rule that calls another service.</summary>
public static class RuleCallingAPeer
{
    public static bool Decide(RegistryPeer registry) => registry?.Known("p-1") == true;
}
