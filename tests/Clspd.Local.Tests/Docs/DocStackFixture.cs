namespace Clspd.Local.Tests.Docs;

/// <summary>One stack of every service for the documentation's blocks: each document's blocks use their own names and ids.</summary>
public sealed class DocStackFixture : IAsyncLifetime
{
    public StackRun Run { get; } = new([.. StackCatalog.Services]);

    public async ValueTask InitializeAsync() => await Run.Stack.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await Run.DisposeAsync();
}
