using System.Text.Encodings.Web;
using System.Text.Unicode;
using Clspd.ServiceDefaults;
using Clspd.Web.Display;
using Clspd.Web.Gateway;
using Clspd.Web.Hosting;
using Clspd.Web.SignIn;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.WebEncoders;

var builder = WebApplication.CreateBuilder(args);
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

var app = builder.Build();
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
app.MapRazorPages();
app.Run();

public partial class Program;
