using Clspd.Architecture.Tests.Fixtures.Bad.Cases;

namespace Clspd.Architecture.Tests.Fixtures.Bad.Lifecycle;

/// <summary>Deliberately wrong: uses Cases, which uses Lifecycle back.</summary>
public static class Retention
{
    public static int Years => 3;

    public static int AfterOpening() => CaseFlow.Open() + Years;
}
