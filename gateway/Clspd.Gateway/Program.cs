using Clspd.Gateway;

var builder = WebApplication.CreateBuilder(args);
builder.AddClspdGateway();

var app = builder.Build();
app.MapClspdGateway();
app.Run();

public partial class Program;
