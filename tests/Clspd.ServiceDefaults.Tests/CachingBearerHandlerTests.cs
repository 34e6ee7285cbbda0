using System.Net;
using Clspd.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using static Clspd.ServiceDefaults.Tests.IssuerHost;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>
/// A token presented again (on every call, and at every hop, GW-1) is answered from the validated-token
/// cache with the identity bound the first time, under the same conditions as a full validation.
/// </summary>
public sealed class CachingBearerHandlerTests : TwoCommunes
{
    private int _validated;

    [Fact]
    public async Task Call_SameTokenAgain_BoundIdentityFromTheCache_NotValidatedOrBoundAgain_GW_1()
    {
        await using var app = await StartAsync([Trust("a", CommuneA, "commune-a", ["council-a"]), Trust("b", CommuneB, "commune-b", ["council-b1", "council-b2"])], [], CountValidations);
        var a = CommuneA.Access("agent-a");
        var b = CommuneB.Access("agent-b");

        string[] answers = [await WhoAsync(app, a), await WhoAsync(app, b), await WhoAsync(app, a), await WhoAsync(app, b), await WhoAsync(app, a)];

        Assert.Equal(
            ["agent-a|commune-a|council-a", "agent-b|commune-b|council-b1,council-b2", "agent-a|commune-a|council-a", "agent-b|commune-b|council-b1,council-b2", "agent-a|commune-a|council-a"],
            answers);
        Assert.Equal(2, _validated);
    }

    [Fact]
    public async Task Call_SameTokenAgain_EachCallHasAPrincipalOfItsOwn()
    {
        await using var app = await StartAsync([Trust("a", CommuneA, "commune-a", ["council-a"])], [], CountValidations);
        var token = CommuneA.Access("agent-a");

        // Each call adds an identity to its principal, as a peer certificate's is added: the next call must not see it.
        string[] identities = [await GetAsync(app, "/identities", token), await GetAsync(app, "/identities", token), await GetAsync(app, "/identities", token)];

        Assert.Equal(["1", "1", "1"], identities);
        Assert.Equal(1, _validated);
    }

    [Fact]
    public async Task Call_CachedTokenPastItsExpByOurClock_Unauthenticated_GW_1()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = await StartAsync([Trust("a", CommuneA, "commune-a", [])], [], services =>
            services.AddSingleton(new ValidatedTokenCache(100, clock)));
        var token = CommuneA.Access("agent-a");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, token));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, token));

        clock.Advance(TimeSpan.FromMinutes(6));

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, token));
    }

    [Fact]
    public async Task Call_CachedTokenAfterTheIssuersKeyFileChanged_ValidatedAgainAndRefused_GW_1()
    {
        await using var app = await StartAsync([Trust("a", CommuneA, "commune-a", [])], [], CountValidations);
        var old = CommuneA.Access("agent-a");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, old));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, old));
        Assert.Equal(1, _validated);
        using var rolled = new Organisation(CommuneA.Issuer, Path.Combine(Folder, "a-next.pub.pem"), rsa: false);

        // The issuer's new key in the file, and the options read again.
        File.Copy(rolled.PublicKeyFile, CommuneA.PublicKeyFile, overwrite: true);
        app.Services.GetRequiredService<IOptionsMonitorCache<JwtBearerOptions>>().TryRemove(JwtBearerDefaults.AuthenticationScheme + ":a");

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, old));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app, rolled.Access("agent-a")));
    }

    [Fact]
    public async Task Call_OidcIssuer_CachedTokenAfterTheMetadataDropsItsKey_Unauthenticated_GW_1()
    {
        var metadata = new OpenIdConnectConfiguration { Issuer = CommuneA.Issuer };
        metadata.SigningKeys.Add(CommuneA.SigningKey);
        var oidc = new KeyValuePair<string, TrustedIssuerOptions>("a", new TrustedIssuerOptions { Authority = CommuneA.Issuer, Organisation = "commune-a" });
        await using var app = await StartAsync([oidc], [], services =>
        {
            // The metadata as the authority would publish it (no discovery call in a test).
            services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme + ":a", o => o.Configuration = metadata);
            CountValidations(services);
        });
        var token = CommuneA.Access("agent-a");
        Assert.Equal("agent-a|commune-a|", await WhoAsync(app, token));
        Assert.Equal("agent-a|commune-a|", await WhoAsync(app, token));
        Assert.Equal(1, _validated);

        metadata.SigningKeys.Clear();
        metadata.SigningKeys.Add(CommuneB.SigningKey);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(app, token));
    }

    [Fact]
    public async Task Call_TokenNotHeldByAFullCache_ValidatedAndBoundEveryTime_GW_1()
    {
        await using var app = await StartAsync([Trust("a", CommuneA, "commune-a", ["council-a"])], [("Auth:TokenCacheSize", "0")], CountValidations);
        var token = CommuneA.Access("agent-a");

        string[] answers = [await WhoAsync(app, token), await WhoAsync(app, token)];

        Assert.Equal(["agent-a|commune-a|council-a", "agent-a|commune-a|council-a"], answers);
        Assert.Equal(2, _validated);
    }

    [Theory]
    [InlineData("Bearer abc", 7, 3)]
    [InlineData("bearer   abc  ", 9, 3)]
    [InlineData("BEARER abc", 7, 3)]
    public void TryReadToken_BearerHeader_TheTokenTrimmed(string header, int start, int length)
    {
        Assert.True(CachingBearerHandler.TryReadToken(header, out var s, out var l));
        Assert.Equal((start, length), (s, l));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer ")]
    [InlineData("Bearer    ")]
    [InlineData("Basic abc")]
    [InlineData("Bearerabc")]
    public void TryReadToken_NoBearerToken_False(string header) =>
        Assert.False(CachingBearerHandler.TryReadToken(header, out _, out _));

    /// <summary>Counts the tokens validated in full (and bound to their issuer) by every scheme.</summary>
    private void CountValidations(IServiceCollection services) =>
        services.PostConfigureAll<JwtBearerOptions>(o =>
        {
            var bind = o.Events.OnTokenValidated;
            o.Events.OnTokenValidated = context =>
            {
                Interlocked.Increment(ref _validated);
                return bind(context);
            };
        });
}
