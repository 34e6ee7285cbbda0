using Clspd.Access.Api;
using Clspd.Access.Store;
using Clspd.Consent.V1;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceIdentity("access", typeof(Program).Assembly), defaultListen: "http://127.0.0.1:5084");
builder.Services.AddClspdClient<RegistryService.RegistryServiceClient>("Registry");
builder.Services.AddClspdClient<ConsentService.ConsentServiceClient>("Consent");
builder.Services.AddSingleton<FactSource>();
builder.Services.AddSingleton<AuditStore>();

var app = builder.Build();
app.MapServiceDefaults();
app.MapGrpcService<AccessApi>();
app.Run();

public partial class Program;
