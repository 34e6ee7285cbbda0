using Clspd.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceIdentity("registry", typeof(Program).Assembly), defaultListen: "http://127.0.0.1:5081");

var app = builder.Build();
app.MapServiceDefaults();
app.Run();

public partial class Program;
