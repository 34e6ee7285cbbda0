using System.Net;
using System.Net.Http.Headers;
using Clspd.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>A host trusting some organisations' issuers (<c>Auth:Issuers</c>), with endpoints telling who called.</summary>
internal static class IssuerHost
{
    public static KeyValuePair<string, TrustedIssuerOptions> Trust(string name, Organisation organisation, string org, string[] councils, string? accessTokenType = null) =>
        new(name, new TrustedIssuerOptions
        {
            Issuer = organisation.Issuer, KeyFile = organisation.PublicKeyFile, Organisation = org, Councils = [.. councils], AccessTokenType = accessTokenType,
        });

    public static Task<WebApplication> StartAsync(params KeyValuePair<string, TrustedIssuerOptions>[] issuers) => StartAsync(issuers, []);

    public static Task<WebApplication> StartAsync(KeyValuePair<string, TrustedIssuerOptions>[] issuers, params (string Key, string Value)[] settings) =>
        StartAsync(issuers, settings, null);

    public static async Task<WebApplication> StartAsync(KeyValuePair<string, TrustedIssuerOptions>[] issuers, (string Key, string Value)[] settings, Action<IServiceCollection>? services)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        foreach (var (name, issuer) in issuers)
        {
            var prefix = $"Auth:Issuers:{name}:";
            builder.Configuration[prefix + "Issuer"] = issuer.Issuer;
            builder.Configuration[prefix + "KeyFile"] = issuer.KeyFile;
            builder.Configuration[prefix + "Authority"] = issuer.Authority;
            builder.Configuration[prefix + "Organisation"] = issuer.Organisation;
            builder.Configuration[prefix + "SubjectClaim"] = issuer.SubjectClaim;
            builder.Configuration[prefix + "AccessTokenType"] = issuer.AccessTokenType;
            for (var i = 0; i < issuer.Councils.Count; i++)
            {
                builder.Configuration[$"{prefix}Councils:{i}"] = issuer.Councils[i];
            }
        }

        foreach (var (key, value) in settings)
        {
            builder.Configuration[key] = value;
        }

        builder.AddClspdAuthentication();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/who", (HttpContext context) => string.Join('|',
            context.User.FindFirst("sub")?.Value,
            context.User.FindFirst(TrustedIssuers.OrganisationClaim)?.Value,
            string.Join(',', context.User.FindAll(TrustedIssuers.CouncilClaim).Select(c => c.Value))));
        // The identities of the call's principal, before one more is added to it (as a peer certificate's is, PeerCertificateMiddleware).
        app.MapGet("/identities", (HttpContext context) =>
        {
            var count = context.User.Identities.Count();
            context.User.AddIdentity(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(PeerCertificates.ServiceClaim, "peer")], "test"));
            return count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });
        app.MapGet("/saved", async (HttpContext context) => await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.GetTokenAsync(context, "access_token") ?? "none");
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    public static async Task<HttpStatusCode> StatusAsync(WebApplication app, string token)
    {
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/who");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public static async Task<string> WhoAsync(WebApplication app, string token) => await GetAsync(app, "/who", token);

    public static async Task<string> GetAsync(WebApplication app, string path, string token)
    {
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }
}
