using Clspd.Consent.Api;
using Clspd.Consent.Store;
using Clspd.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceIdentity("consent", typeof(Program).Assembly), defaultListen: "http://127.0.0.1:5082");
builder.Services.AddSingleton<ConsentStore>();

var app = builder.Build();
app.MapServiceDefaults();
app.MapGrpcService<ConsentApi>();
app.Run();

public partial class Program;
