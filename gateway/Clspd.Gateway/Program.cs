using Clspd.Gateway;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Health;

// The images' Docker health check: `dotnet <this>.dll --probe http://127.0.0.1:8081/readyz`.
HealthProbeCommand.ExitIfAsked(args);
var builder = WebApplication.CreateBuilder(ClspdHostOptions.For(args));
builder.AddClspdGateway();

var app = builder.Build();
app.MapClspdGateway();
app.Run();

public partial class Program;
