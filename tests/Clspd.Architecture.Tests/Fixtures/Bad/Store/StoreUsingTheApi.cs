using Clspd.Architecture.Tests.Fixtures.Bad.Api;

namespace Clspd.Architecture.Tests.Fixtures.Bad.Store;

/// <summary>Deliberately wrong: a store that knows the gRPC class.</summary>
public sealed class StoreUsingTheApi
{
    public string Name => nameof(CaseApi) + CaseApi.Version;
}
