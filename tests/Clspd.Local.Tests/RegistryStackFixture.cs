using Clspd.ServiceDefaults.Auth;

namespace Clspd.Local.Tests;

/// <summary>One stack running only the registry behind the gateway, shared by the tests that call it.</summary>
public sealed class RegistryStackFixture : IAsyncLifetime
{
    // One issuer object for the whole run: signature providers are cached by key id, so a second
    // LocalIssuer over the same key must not follow a disposed one in this process.
    private LocalIssuer? _issuer;

    public StackRun Run { get; } = new("registry");

    public string Token(string subject) => _issuer!.Mint(subject, TimeSpan.FromMinutes(5));

    public async ValueTask InitializeAsync()
    {
        await Run.Stack.StartAsync(TestContext.Current.CancellationToken);
        _issuer = LocalIssuer.Load(Path.Combine(Run.DataDirectory, LocalIssuer.PrivateKeyFileName));
    }

    public async ValueTask DisposeAsync()
    {
        _issuer?.Dispose();
        await Run.DisposeAsync();
    }
}
