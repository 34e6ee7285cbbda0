using System.Text.Encodings.Web;
using System.Text.Unicode;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Health;
using Clspd.Web.Display;
using Clspd.Web.Gateway;
using Clspd.Web.Hosting;
using Clspd.Web.SignIn;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.WebEncoders;

// The images' health check: `dotnet Clspd.Web.dll --probe http://127.0.0.1:8081/readyz`.
HealthProbeCommand.ExitIfAsked(args);

// appsettings.json beside the program, wherever it is started from (a container, a service manager).
var builder = WebApplication.CreateBuilder(ClspdHostOptions.For(args));
// Settings given as files (SecretsDirectory), e.g. Web__ClientSecret mounted as a Docker or Kubernetes secret.
builder.AddClspdSecretFiles();
var web = builder.Configuration.GetSection(WebOptions.Section).Get<WebOptions>() ?? new WebOptions();
var problems = WebOptionsCheck.Problems(web);
if (problems.Count > 0)
{
    throw new InvalidOperationException("The web console does not start: " + string.Join(" ", problems));
}

builder.Services.Configure<WebOptions>(builder.Configuration.GetSection(WebOptions.Section));
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddSingleton<FrenchDates>();
builder.Services.AddSingleton<GatewayChannel>();
builder.Services.AddMemoryCache();
builder.Services.AddSingleton<SeenRevisions>();
// Started by the local stack: gone with it, even when it is killed hard.
builder.Services.AddHostedService<ParentProcessWatcher>();
builder.Services.AddHttpContextAccessor();
// French text stays readable in the pages' source (accented letters are not turned into character references).
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddScoped<Services>();
builder.Services.AddConsoleSignIn(web);
// Ready when the gateway answers (its own liveness, so that readiness does not cascade), for the probes of the
// management listener.
builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("gateway", sp => new PeerHealthCheck(
    "gateway", () => new Grpc.Health.V1.Health.HealthClient(sp.GetRequiredService<GatewayChannel>().Channel), sp.GetRequiredService<TimeProvider>()),
    failureStatus: null, tags: [HealthTags.Ready]));
if (!string.IsNullOrWhiteSpace(web.ConsentGateway))
{
    builder.Services.AddHealthChecks().Add(new HealthCheckRegistration("consent-gateway", sp => new PeerHealthCheck(
        "consent-gateway", () => new Grpc.Health.V1.Health.HealthClient(sp.GetRequiredService<GatewayChannel>().ConsentChannel), sp.GetRequiredService<TimeProvider>()),
        failureStatus: null, tags: [HealthTags.Ready]));
}

builder.Services.AddRazorPages(o =>
{
    o.Conventions.AllowAnonymousToPage("/Erreur");
    o.Conventions.AllowAnonymousToPage("/AccesRefuse");
}).AddMvcOptions(o => o.Filters.Add<RefusalFilter>());
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(new Uri(web.Listen), o =>
{
    o.Protocols = HttpProtocols.Http1AndHttp2;
    if (o.EndPoint is not null && web.Listen.StartsWith("https:", StringComparison.OrdinalIgnoreCase))
    {
        o.UseHttps(TlsFiles.Certificate(web.Tls));
    }
}));
if (ManagementListener.Address(builder.Configuration, WebOptions.ManagementListenKey) is { } management)
{
    builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(management, o => o.Protocols = HttpProtocols.Http1));
}

var app = builder.Build();
app.UseManagementListener(WebOptions.ManagementListenKey);
app.UseSecurityHeaders(new Uri(web.Authority!));
app.UseExceptionHandler("/Erreur");
app.UseStatusCodePagesWithReExecute("/Erreur", "?code={0}");
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture(FrenchDates.French),
    SupportedCultures = [FrenchDates.French],
    SupportedUICultures = [FrenchDates.French],
});
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthChecks(HealthEndpoints.LivePath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks(HealthEndpoints.ReadyPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(HealthTags.Ready) }).AllowAnonymous();
app.MapRazorPages();
app.Run();

public partial class Program;
