using Clspd.Access;
using Clspd.Access.Api;
using Clspd.Access.Checkpoints;
using Clspd.Access.Decisions;
using Clspd.Access.Diagnostics;
using Clspd.Access.Facts;
using Clspd.Access.Peers;
using Clspd.Access.Store;
using Clspd.Access.Store.FastPath;
using Clspd.Access.Verification;
using Clspd.Consent.V1;
using Clspd.Hosting;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Health;

// The images' Docker health check: `dotnet <this>.dll --probe http://127.0.0.1:8081/readyz`.
HealthProbeCommand.ExitIfAsked(args);
// Kubernetes' init container: `dotnet <this>.dll --migrate` migrates the database and exits.
var migrate = MigrateCommand.Asked(ref args);
var builder = WebApplication.CreateBuilder(ClspdHostOptions.For(args));
builder.AddServiceDefaults(new ServiceIdentity("access", typeof(Program).Assembly), defaultListen: DefaultPorts.AccessAddress);
builder.Services.AddClspdClient<RegistryService.RegistryServiceClient>("Registry", DefaultPorts.RegistryAddress);
builder.Services.AddClspdClient<ConsentService.ConsentServiceClient>("Consent", DefaultPorts.ConsentAddress);
builder.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).ValidateDataAnnotations()
    .Validate(o => o.CouncilTimeZoneKnown(), "Access:CouncilTimeZone must name a time zone known to this machine (IANA id, e.g. Europe/Paris)")
    .Validate(o => o.Audit.CheckpointKeyUsable(),
        "Access:Audit:CheckpointKeyFile must name the PEM file of the ECDSA P-256 key that signs the audit trail's checkpoints, kept outside the database; the file does not exist or the setting is empty")
    .Validate(o => o.Audit.CheckpointIntervalValid(), "Access:Audit:CheckpointInterval must be between 00:01:00 and 1.00:00:00").ValidateOnStart();
builder.Services.AddSingleton<RegistryView>();
builder.Services.AddSingleton<ConsentCache>();
builder.Services.AddHostedService<RegistryFeed>();
builder.Services.AddHostedService<ConsentFeed>();
builder.Services.AddSingleton<RegistryPeer>();
builder.Services.AddSingleton<ConsentPeer>();
builder.Services.AddSingleton<FactSource>();
builder.Services.AddSingleton<AuditStore>();
builder.Services.AddSingleton<AuditKeyIndex>();
builder.Services.AddSingleton<AuditPageReader>();
builder.Services.AddSingleton<AuditSearch>();
builder.Services.AddSingleton<AuditWriter>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
builder.Services.AddHostedService<AuditIndexer>();
builder.Services.AddSingleton<AuditCheckpointKey>();
builder.Services.AddSingleton<AuditCheckpointLog>();
builder.Services.AddSingleton<AuditCheckpoints>();
builder.Services.AddSingleton<AuditVerification>();
builder.Services.AddHostedService<AuditCheckpointer>();
builder.Services.AddSingleton<DecisionMaker>();
builder.Services.AddSingleton<AccessMetrics>();
builder.Services.AddOptions<StageTimingsOptions>().BindConfiguration(StageTimingsOptions.Section);
builder.Services.AddSingleton<CheckStageTimings>();
builder.Services.AddHostedService<StageTimingsWriter>();
var stageTimings = builder.Configuration.GetSection(StageTimingsOptions.Section).Get<StageTimingsOptions>() ?? new StageTimingsOptions();

var app = builder.Build();
if (stageTimings.Enabled)
{
    // Off by default: where a Check's wall time goes, for the benchmarks (docs/benchmarks.md).
    app.UseMiddleware<CheckStageMiddleware>();
}

app.MapServiceDefaults();
app.MapGrpcService<AccessApi>();
app.MapGrpcService<AuditApi>();
if (migrate)
{
    return MigrateCommand.Run(app);
}

app.Run();
return 0;

public partial class Program;
