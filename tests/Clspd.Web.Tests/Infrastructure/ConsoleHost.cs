using Clspd.Testing;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Clspd.Web.Tests.Infrastructure;

/// <summary>
/// The console in process, its authority faked on the back channel (no discovery), its gateway a
/// <see cref="FakeGateway"/>, its clock a fake one at <see cref="TestClock.Start"/>.
/// </summary>
public sealed class ConsoleHost(FakeGateway gateway, IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public FakeAuthority Authority { get; } = new();

    public FakeTimeProvider Clock { get; } = TestClock.Create();

    public FakeGateway Gateway => gateway;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Web:Authority", FakeAuthority.Issuer);
        builder.UseSetting("Web:ClientId", FakeAuthority.ClientId);
        builder.UseSetting("Web:Gateway", gateway.Address.ToString());
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders());
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, o =>
            {
                o.Configuration = Authority.Configuration;
                o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(Authority.Configuration);
                o.Backchannel = new HttpClient(Authority, disposeHandler: false);
            });
        });
    }

    /// <summary>A client that follows no redirect and keeps its cookies where the test can read them.</summary>
    public TestBrowser Browser() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }), this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Authority.Dispose();
        }

        base.Dispose(disposing);
    }
}
