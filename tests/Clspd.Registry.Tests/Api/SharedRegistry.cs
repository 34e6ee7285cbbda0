namespace Clspd.Registry.Tests.Api;

/// <summary>
/// One registry host for every API test class: one start-up instead of one per class, and tests
/// that read the change feed from a revision see no writes of a test running beside them.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedRegistry : ICollectionFixture<RegistryHost>
{
    public const string Name = "registry";
}
