namespace Clspd.Local.Tests;

/// <summary>The test classes sharing one <see cref="RegistryStackFixture"/> (one stack started, not one per class).</summary>
[CollectionDefinition(Name)]
public sealed class RegistryStackSharing : ICollectionFixture<RegistryStackFixture>
{
    public const string Name = "registry stack";
}
