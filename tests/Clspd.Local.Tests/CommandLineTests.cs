using Clspd.ServiceDefaults.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.Local.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Token_NewDataDirectory_PrintsOnlyATokenOfTheLocalIssuer()
    {
        using var data = new TempDirectory();
        var before = DateTimeOffset.UtcNow;

        var (code, output, error) = await Cli.RunAsync("token", "--sub", "alice", "--minutes", "7", "--data", data.Path);

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var token = Assert.Single(lines).Trim();
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = LocalIssuer.DefaultIssuer,
            ValidAudience = LocalIssuer.DefaultAudience,
            IssuerSigningKey = LocalIssuer.ReadValidationKey(Path.Combine(data.Path, LocalIssuer.PublicKeyFileName)),
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ClockSkew = TimeSpan.Zero,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        Assert.Equal("alice", jwt.Subject);
        Assert.Equal(TimeSpan.FromMinutes(7), jwt.ValidTo - jwt.IssuedAt);
        Assert.InRange(jwt.ValidTo, before.UtcDateTime.AddMinutes(7).AddSeconds(-1), DateTime.UtcNow.AddMinutes(7).AddSeconds(1));
    }

    [Fact]
    public async Task Token_ExistingIssuer_ReusesItsKey()
    {
        using var data = new TempDirectory();
        var first = await Cli.RunAsync("token", "--sub", "alice", "--data", data.Path);
        var key = await File.ReadAllTextAsync(Path.Combine(data.Path, LocalIssuer.PrivateKeyFileName), TestContext.Current.CancellationToken);

        var second = await Cli.RunAsync("token", "--sub", "bob", "--data", data.Path);

        Assert.Equal(key, await File.ReadAllTextAsync(Path.Combine(data.Path, LocalIssuer.PrivateKeyFileName), TestContext.Current.CancellationToken));
        var validation = new TokenValidationParameters
        {
            ValidIssuer = LocalIssuer.DefaultIssuer,
            ValidAudience = LocalIssuer.DefaultAudience,
            IssuerSigningKey = LocalIssuer.ReadValidationKey(Path.Combine(data.Path, LocalIssuer.PublicKeyFileName)),
        };
        Assert.True((await new JsonWebTokenHandler().ValidateTokenAsync(first.Output.Trim(), validation)).IsValid);
        Assert.True((await new JsonWebTokenHandler().ValidateTokenAsync(second.Output.Trim(), validation)).IsValid);
    }

    [Fact]
    public async Task Token_WithoutSubject_FailsWithoutPrintingAToken()
    {
        using var data = new TempDirectory();

        var (code, _, error) = await Cli.RunAsync("token", "--data", data.Path);

        Assert.NotEqual(0, code);
        Assert.Contains("Option '--sub' is required.", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, LocalIssuer.PrivateKeyFileName)));
    }

    [Theory]
    [InlineData("--only", "registry,payments")]
    [InlineData("--port", "registry=notaport")]
    [InlineData("--port", "billing=6001")]
    public async Task Run_BadOption_ExitCode2BeforeStartingAnything(string option, string value)
    {
        using var data = new TempDirectory();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await LocalCli.InvokeAsync(["--data", data.Path, option, value], output, error);

        Assert.Equal(2, code);
        Assert.StartsWith(option, error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(data.Path));
    }

    [Theory]
    [InlineData("postgres", "")]
    [InlineData("postgres", "Host=localhost;Username=clspd;Database=clspd")]
    [InlineData("sqlserver", "Server=sql;Database=clspd")]
    [InlineData("sqlite", "Host=localhost;Database=clspd_{service}")]
    public async Task Run_ProviderWithoutPerServiceConnection_ExitCode2BeforeStartingAnything(string provider, string connection)
    {
        using var data = new TempDirectory();
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = connection.Length == 0 ? ["--data", data.Path, "--provider", provider] : ["--data", data.Path, "--provider", provider, "--connection", connection];

        var code = await LocalCli.InvokeAsync(args, output, error);

        Assert.Equal(2, code);
        Assert.StartsWith("--connection", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(data.Path));
    }
}
