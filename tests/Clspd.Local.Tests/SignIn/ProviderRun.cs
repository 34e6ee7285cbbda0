using Clspd.Local.SignIn;
using Microsoft.Extensions.Time.Testing;

namespace Clspd.Local.Tests.SignIn;

/// <summary>A development sign-in on a free loopback port, over a fresh data directory, with a fake clock for its codes.</summary>
public sealed class ProviderRun : IAsyncDisposable
{
    private readonly TempDirectory _data;

    private ProviderRun(SignInProvider provider, FakeTimeProvider clock, Uri redirectUri, TempDirectory data)
    {
        Provider = provider;
        Clock = clock;
        RedirectUri = redirectUri;
        _data = data;
    }

    public SignInProvider Provider { get; }

    public FakeTimeProvider Clock { get; }

    public Uri RedirectUri { get; }

    public string DataDirectory => _data.Path;

    public static readonly Uri PostLogoutRedirectUri = new("http://127.0.0.1:5090/signout-callback-oidc");

    public static async Task<ProviderRun> StartAsync(params KnownSubject[] subjects)
    {
        var data = new TempDirectory();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var redirect = new Uri("http://127.0.0.1:5090/signin-oidc");
        var provider = await SignInProvider.StartAsync(new SignInProviderOptions
        {
            Listen = new Uri($"http://127.0.0.1:{StackPorts.Free().SignIn}"),
            DataDirectory = data.Path,
            RedirectUri = redirect,
            PostLogoutRedirectUri = PostLogoutRedirectUri,
            Clock = clock,
            Subjects = () => subjects,
        }, TestContext.Current.CancellationToken);
        return new ProviderRun(provider, clock, redirect, data);
    }

    public SignInClient Client() => new(Provider.Address, RedirectUri);

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        _data.Dispose();
    }
}
