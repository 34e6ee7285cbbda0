using Clspd.Hosting;
using Clspd.Registry.Api;
using Clspd.Registry.Authorization;
using Clspd.Registry.Store;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Health;

// The images' Docker health check: `dotnet <this>.dll --probe http://127.0.0.1:8081/readyz`.
HealthProbeCommand.ExitIfAsked(args);
// Kubernetes' init container: `dotnet <this>.dll --migrate` migrates the database and exits.
var migrate = MigrateCommand.Asked(ref args);
var builder = WebApplication.CreateBuilder(ClspdHostOptions.For(args));
builder.AddServiceDefaults(new ServiceIdentity("registry", typeof(Program).Assembly), defaultListen: DefaultPorts.RegistryAddress);
builder.Services.AddSingleton<CouncilStore>();
builder.Services.AddSingleton<ParticipantStore>();
builder.Services.AddSingleton<DesignationStore>();
builder.Services.AddSingleton<MeetingStore>();
builder.Services.AddSingleton<CharterStore>();
builder.Services.AddSingleton<FiguresStore>();
builder.Services.AddSingleton<StandingReader>();

var app = builder.Build();
app.MapServiceDefaults();
app.MapGrpcService<RegistryApi>();
app.MapGrpcService<CharterApi>();
if (migrate)
{
    return MigrateCommand.Run(app);
}

app.Run();
return 0;

public partial class Program;
