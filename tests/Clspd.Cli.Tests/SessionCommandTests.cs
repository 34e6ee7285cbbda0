namespace Clspd.Cli.Tests;

public sealed class SessionCommandTests(StackFixture stack)
{
    [Fact]
    public async Task Login_AsSubject_StoresOwnerOnlyTokenThatWhoAmIUses()
    {
        var home = stack.NewHome();

        var login = await stack.RunInAsync(home, null, "login", "--as", stack.Subject("relais"));
        var whoami = await stack.RunInAsync(home, null, "whoami");
        var json = await stack.RunInAsync(home, null, "whoami", "--json");

        Assert.Equal(0, login.Code);
        Assert.Contains($"Signed in as {stack.Subject("relais")} until ", login.Output, StringComparison.Ordinal);
        var file = Path.Combine(home, "token");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        Assert.Equal(0, whoami.Code);
        Assert.Contains("Camille Martin, Éducatrice spécialisée", whoami.Output, StringComparison.Ordinal);
        Assert.Contains("path referent", whoami.Output, StringComparison.Ordinal);
        Assert.Equal(0, json.Code);
        Assert.Equal("Camille Martin", json.Json.GetProperty("participant").GetProperty("fullName").GetString());
        Assert.Equal(2, json.Json.GetProperty("designations").GetArrayLength());
    }

    [Fact]
    public async Task Logout_AfterLogin_ForgetsTheTokenAndCommandsExit5()
    {
        var home = stack.NewHome();
        await stack.RunInAsync(home, null, "login", "--as", "admin");

        var logout = await stack.RunInAsync(home, null, "logout", "--json");
        var after = await stack.RunInAsync(home, null, "council", "get", stack.Council);

        Assert.Equal(0, logout.Code);
        Assert.True(logout.Json.GetProperty("removed").GetBoolean());
        Assert.Equal(5, after.Code);
        Assert.Contains("no token: run 'clspd login --as SUBJECT'", after.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithoutLocalIssuer_Exit5NamingTheMissingKey()
    {
        var result = await stack.RunInAsync(stack.NewHome(), null, "login", "--as", "admin", "--data", "/nonexistent-clspd-data");

        Assert.Equal(5, result.Code);
        Assert.Contains("no local issuer at /nonexistent-clspd-data/issuer.pem", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("council", "create", "--name", "x", "--insee", "91667", "--kind", "village")]
    [InlineData("council", "get")]
    [InlineData("council")]
    [InlineData("nonsense")]
    public async Task BadUsage_Exit2WithAHint(params string[] args)
    {
        var result = await stack.RunAsync("admin", args);

        Assert.Equal(2, result.Code);
        Assert.StartsWith("error: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("--help'.", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("demo")]
    [InlineData("council", "create")]
    [InlineData("designation", "create")]
    [InlineData("consent", "withdraw")]
    [InlineData("case", "get")]
    [InlineData("audit", "verify")]
    public async Task Help_EveryCommand_ShowsAnExample(params string[] command)
    {
        var result = await stack.RunAsync(null, [.. command, "--help"]);

        Assert.Equal(0, result.Code);
        Assert.Matches(@"Example:\n +clspd " + command[0], result.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Help_AllCommands_HaveAnExample()
    {
        var root = new ClspdCli().BuildRoot();
        var missing = Walk(root).Where(c => !c.Description!.Contains("Example:\n  clspd", StringComparison.Ordinal)).Select(c => c.Name).ToList();

        Assert.Empty(missing);
        Assert.True(Walk(root).Count() > 45);
        await Task.CompletedTask;

        static IEnumerable<System.CommandLine.Command> Walk(System.CommandLine.Command command) =>
            command.Subcommands.SelectMany(c => Walk(c).Prepend(c));
    }

    [Fact]
    public async Task Unreachable_Gateway_Exit7()
    {
        var result = await stack.RunAsync("admin", "council", "get", stack.Council, "--gateway", "http://127.0.0.1:1");

        Assert.Equal(7, result.Code);
        Assert.Contains("service unavailable (Unavailable)", result.Error, StringComparison.Ordinal);
    }
}
