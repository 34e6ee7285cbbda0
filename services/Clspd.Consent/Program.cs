using Clspd.Consent;
using Clspd.Consent.Api;
using Clspd.Consent.Authorization;
using Clspd.Consent.Diagnostics;
using Clspd.Consent.Peers;
using Clspd.Consent.States;
using Clspd.Consent.Store;
using Clspd.Hosting;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Health;
using Microsoft.Extensions.Options;

// The images' Docker health check: `dotnet <this>.dll --probe http://127.0.0.1:8081/readyz`.
HealthProbeCommand.ExitIfAsked(args);
// Kubernetes' init container: `dotnet <this>.dll --migrate` migrates the database and exits.
var migrate = MigrateCommand.Asked(ref args);
var builder = WebApplication.CreateBuilder(ClspdHostOptions.For(args));
builder.AddServiceDefaults(new ServiceIdentity("consent", typeof(Program).Assembly), defaultListen: DefaultPorts.ConsentAddress);
builder.Services.AddSingleton<ConsentMetrics>();
builder.Services.AddOptions<ConsentOptions>().BindConfiguration(ConsentOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<ConsentOptions>, ConsentOptionsValidator>();
builder.Services.AddSingleton<ConsentStore>();
builder.Services.AddSingleton<SubjectStore>();
builder.Services.AddSingleton<ErasureStore>();
builder.Services.AddSingleton<NoticeStore>();
builder.Services.AddSingleton<ConsentAuthorizer>();
builder.Services.AddSingleton(sp => new StateFactsCache(sp.GetRequiredService<IOptions<ConsentOptions>>().Value.StateCacheEntries));
builder.Services.AddSingleton<StateFactsReader>();
// Optional: with a registry, participants designated in the person's group may record and read.
if (!string.IsNullOrWhiteSpace(builder.Configuration["Services:Registry"]))
{
    builder.Services.AddClspdClient<RegistryService.RegistryServiceClient>("Registry");
    builder.Services.AddSingleton<RegistryPeer>();
}

// A department serving several communes: one registry per commune (Consent:Communes:{name}:Registry).
foreach (var commune in builder.Configuration.GetSection("Consent:Communes").GetChildren())
{
    builder.Services.AddNamedClspdClient<RegistryService.RegistryServiceClient>(RegistryPeers.ClientName(commune.Key), $"Consent:Communes:{commune.Key}:Registry");
}

builder.Services.AddSingleton<RegistryPeers>();

var app = builder.Build();
app.MapServiceDefaults();
app.MapGrpcService<ConsentApi>();
app.MapGrpcService<SubjectApi>();
app.MapGrpcService<NoticeApi>();
if (migrate)
{
    return MigrateCommand.Run(app);
}

app.Run();
return 0;

public partial class Program;
