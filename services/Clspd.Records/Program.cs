using Clspd.Access.V1;
using Clspd.Consent.V1;
using Clspd.Hosting;
using Clspd.Records;
using Clspd.Records.Api;
using Clspd.Records.Cases;
using Clspd.Records.Diagnostics;
using Clspd.Records.Domain;
using Clspd.Records.Evaluation;
using Clspd.Records.Lifecycle;
using Clspd.Records.Peers;
using Clspd.Records.Store;
using Clspd.Records.SubjectRights;
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
builder.AddServiceDefaults(new ServiceIdentity("records", typeof(Program).Assembly), defaultListen: DefaultPorts.RecordsAddress);
builder.Services.AddSingleton<RecordsMetrics>();
builder.Services.AddOptions<RecordsOptions>().BindConfiguration(RecordsOptions.Section)
    .Validate(o => CaseRules.ArchivePeriodProblem(o.ArchiveMonths) is null, $"Records:ArchiveMonths must be between 1 and {CaseRules.MaxArchiveMonths} (REC-7: at most three years)")
    .Validate(o => o.DestroyBatchSize is >= 0 and <= 5000, "Records:DestroyBatchSize must be between 1 and 5000 (0: the provider's default)")
    .Validate(o => o.LifecycleRatePerMinute >= 0, "Records:LifecycleRatePerMinute must be 0 (no limit) or more")
    .Validate(o => o.LifecycleCacheMegabytes is >= 1 and <= 1024, "Records:LifecycleCacheMegabytes must be between 1 and 1024")
    .Validate(o => o.LifecycleInterval > TimeSpan.Zero, "Records:LifecycleInterval must be positive")
    .Validate(o => o.ErasureRetryInterval > TimeSpan.Zero, "Records:ErasureRetryInterval must be positive")
    .Validate(o => o.StatisticsThreshold is >= 2 and <= 100, "Records:StatisticsThreshold must be between 2 and 100 (REC-11)")
    .ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<RecordsOptions>, MasterKeyValidation>();
builder.Services.AddClspdClient<RegistryService.RegistryServiceClient>("Registry", DefaultPorts.RegistryAddress);
builder.Services.AddClspdClient<AccessService.AccessServiceClient>("Access", DefaultPorts.AccessAddress);
builder.Services.AddClspdClient<AuditService.AuditServiceClient>("Access", DefaultPorts.AccessAddress);
if (!string.IsNullOrWhiteSpace(builder.Configuration["Services:Consent"]))
{
    builder.Services.AddClspdClient<SubjectService.SubjectServiceClient>("Consent");
    builder.Services.AddClspdClient<ConsentService.ConsentServiceClient>("Consent");
}

builder.Services.AddSingleton<PeerCall>();
builder.Services.AddSingleton<RegistryPeer>();
builder.Services.AddSingleton<AccessPeer>();
builder.Services.AddSingleton<ConsentPeer>();
builder.Services.AddSingleton<CaseGate>();
builder.Services.AddSingleton<CaseViews>();
builder.Services.AddSingleton<MyCases>();
builder.Services.AddSingleton<CaseExport>();
builder.Services.AddSingleton<SubjectFiles>();
builder.Services.AddSingleton<MasterKey>();
builder.Services.AddSingleton<PersonStore>();
builder.Services.AddSingleton<PersonKeyStore>();
builder.Services.AddSingleton<CaseStore>();
builder.Services.AddSingleton<FollowUpStore>();
builder.Services.AddSingleton<LifecycleStore>();
builder.Services.AddSingleton<MeetingStore>();
builder.Services.AddSingleton<LifecycleRunner>();
builder.Services.AddSingleton<EvaluationStore>();
builder.Services.AddSingleton<CouncilEvaluation>();
builder.Services.AddSingleton<CharterReports>();
builder.Services.AddSingleton<EvaluationWatch>();
builder.Services.AddHostedService<LifecycleJob>();
builder.Services.AddSingleton<ErasureOutboxStore>();
builder.Services.AddSingleton<ErasureOutbox>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ErasureOutbox>());

var app = builder.Build();
app.MapServiceDefaults();
app.MapGrpcService<RecordsApi>();
app.MapGrpcService<FollowUpApi>();
app.MapGrpcService<CaseItemApi>();
app.MapGrpcService<LifecycleApi>();
app.MapGrpcService<BodyApi>();
app.MapGrpcService<SubjectRightsApi>();
app.MapGrpcService<MeetingApi>();
app.MapGrpcService<StatisticsApi>();
app.MapGrpcService<KeyApi>();
if (migrate)
{
    return MigrateCommand.Run(app);
}

app.Run();
return 0;

public partial class Program;
