using Clspd.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(new ServiceIdentity("access", typeof(Program).Assembly), defaultListen: "http://127.0.0.1:5084");

var app = builder.Build();
app.MapServiceDefaults();
app.Run();

public partial class Program;
