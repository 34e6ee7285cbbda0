using Clspd.Access.V1;
using Clspd.Consent.V1;
using Clspd.Records;
using Clspd.Records.Api;
using Clspd.Records.Store;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceIdentity("records", typeof(Program).Assembly), defaultListen: "http://127.0.0.1:5083");
builder.Services.AddOptions<RecordsOptions>().BindConfiguration(RecordsOptions.Section);
builder.Services.AddClspdClient<RegistryService.RegistryServiceClient>("Registry");
builder.Services.AddClspdClient<AccessService.AccessServiceClient>("Access");
if (!string.IsNullOrWhiteSpace(builder.Configuration["Services:Consent"]))
{
    builder.Services.AddClspdClient<SubjectService.SubjectServiceClient>("Consent");
}

builder.Services.AddSingleton<Peers>();
builder.Services.AddSingleton<MasterKey>();
builder.Services.AddSingleton<PersonStore>();
builder.Services.AddSingleton<CaseStore>();

var app = builder.Build();
app.MapServiceDefaults();
app.MapGrpcService<RecordsApi>();
app.Run();

public partial class Program;
