namespace Clspd.Deploy.Tests;

/// <summary>The published deployment, started once for the packaging tests that use it, alone (it publishes and starts five processes).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PublishedDeploymentGroup : ICollectionFixture<PublishedDeployment>
{
    public const string Name = "published deployment";
}
