using Clspd.Architecture.Tests.Fixtures.Bad.Lifecycle;

namespace Clspd.Architecture.Tests.Fixtures.Bad.Cases;

/// <summary>Deliberately wrong: uses Lifecycle, which uses Cases back.</summary>
public static class CaseFlow
{
    public static int Open() => Retention.Years + 1;
}
