using System.Net;
using System.Security.Claims;
using System.Text;
using Clspd.Registry.V1;
using Clspd.Testing;
using Clspd.Web.SignIn;
using Clspd.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Clspd.Web.Tests;

/// <summary>
/// Sessions kept under <c>Web:DataDirectory</c> (<see cref="SqliteTicketStore"/>): they outlive a restart, expire, and the
/// file holds neither the cookie's key nor a token in clear.
/// </summary>
public sealed class SessionStoreTests : IDisposable
{
    private const string AccessToken = "eyJhbGciOiJFUzI1NiJ9.access-token-of-camille.signature-kept-on-the-server";

    private readonly string _directory = Directory.CreateTempSubdirectory("clspd-web-sessions-").FullName;

    [Fact]
    public async Task Store_ThenANewStoreOnTheSameFolder_RetrievesTheSessionWithItsToken()
    {
        var clock = TestClock.Create();
        var key = await Store(clock).StoreAsync(Ticket(clock.GetUtcNow().AddHours(1)));

        var retrieved = await Store(clock).RetrieveAsync(key);

        Assert.NotNull(retrieved);
        Assert.Equal("camille", retrieved.Principal.FindFirst("sub")?.Value);
        Assert.Equal(AccessToken, retrieved.Properties.GetTokenValue("access_token"));
    }

    [Fact]
    public async Task Retrieve_AfterItsExpiry_None()
    {
        var clock = TestClock.Create();
        var store = Store(clock);
        var key = await store.StoreAsync(Ticket(clock.GetUtcNow().AddHours(1)));

        clock.Advance(TimeSpan.FromHours(1));

        Assert.Null(await store.RetrieveAsync(key));
    }

    [Fact]
    public async Task Remove_SignedOut_NoneAfterwards()
    {
        var clock = TestClock.Create();
        var store = Store(clock);
        var key = await store.StoreAsync(Ticket(clock.GetUtcNow().AddHours(1)));

        await store.RemoveAsync(key);

        Assert.Null(await store.RetrieveAsync(key));
    }

    [Fact]
    public async Task Renew_ReplacesTheTicketUnderTheSameKey()
    {
        var clock = TestClock.Create();
        var store = Store(clock);
        var key = await store.StoreAsync(Ticket(clock.GetUtcNow().AddMinutes(5)));

        await store.RenewAsync(key, Ticket(clock.GetUtcNow().AddHours(2), "renewed-token"));
        clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal("renewed-token", (await store.RetrieveAsync(key))?.Properties.GetTokenValue("access_token"));
    }

    [Fact]
    public async Task Store_TheFile_HoldsNeitherTheCookieKeyNorTheToken()
    {
        var clock = TestClock.Create();
        var key = await Store(clock).StoreAsync(Ticket(clock.GetUtcNow().AddHours(1)));

        var file = await ReadSharedAsync(Path.Combine(_directory, SqliteTicketStore.FileName));

        Assert.DoesNotContain(key, file, StringComparison.Ordinal);
        Assert.DoesNotContain("access-token-of-camille", file, StringComparison.Ordinal);
        Assert.DoesNotContain("camille", file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retrieve_WithOtherKeys_SignedOutRatherThanAnError()
    {
        var clock = TestClock.Create();
        var key = await Store(clock).StoreAsync(Ticket(clock.GetUtcNow().AddHours(1)));
        var otherKeys = DataProtectionProvider.Create(Directory.CreateTempSubdirectory("clspd-web-other-keys-"));

        var retrieved = await new SqliteTicketStore(_directory, otherKeys, clock).RetrieveAsync(key);

        Assert.Null(retrieved);
    }

    [Fact]
    public async Task Console_RestartedOnItsDataDirectory_TheSessionCookieStillSignsIn()
    {
        await using var gateway = await FakeGateway.StartAsync();
        gateway.Answer(new ListSubjectDesignationsResponse { Participant = new Participant { Id = "p1", FullName = "Camille Durand", Function = "éducatrice" } });
        var settings = new Dictionary<string, string?> { ["Web:DataDirectory"] = _directory };
        string session;
        await using (var first = new ConsoleHost(gateway, settings))
        {
            using var browser = first.Browser();
            await browser.SignInAsync("camille", AccessToken);
            session = browser.Cookies["clspd.session"];
        }

        await using var restarted = new ConsoleHost(gateway, settings);
        using var client = restarted.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", $"clspd.session={session}");
        using var page = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Camille Durand", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.True(Directory.EnumerateFiles(Path.Combine(_directory, "keys"), "key-*.xml").Any(), "no data-protection key under keys/");
    }

    [Fact]
    public async Task Console_RestartedWithoutDataDirectory_SignedOut()
    {
        await using var gateway = await FakeGateway.StartAsync();
        string session;
        await using (var first = new ConsoleHost(gateway))
        {
            using var browser = first.Browser();
            await browser.SignInAsync("camille", AccessToken);
            session = browser.Cookies["clspd.session"];
        }

        await using var restarted = new ConsoleHost(gateway);
        using var client = restarted.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", $"clspd.session={session}");
        using var page = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private SqliteTicketStore Store(TimeProvider clock) =>
        new(_directory, DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(_directory, "keys"))), clock);

    private static AuthenticationTicket Ticket(DateTimeOffset expires, string accessToken = AccessToken)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "camille"), new Claim("name", "Camille Durand")], "oidc"));
        var properties = new AuthenticationProperties { ExpiresUtc = expires };
        properties.StoreTokens([new AuthenticationToken { Name = "access_token", Value = accessToken }]);
        return new AuthenticationTicket(principal, properties, "Cookies");
    }

    // The store's pooled connection may still hold the file open.
    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var memory = new MemoryStream();
        await stream.CopyToAsync(memory, TestContext.Current.CancellationToken);
        return Encoding.Latin1.GetString(memory.ToArray());
    }
}
