namespace Clspd.Architecture.Tests.Fixtures.Bad.Api;

/// <summary>A gRPC class.</summary>
public static class CaseApi
{
    public static int Version => 1;
}
