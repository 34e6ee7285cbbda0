using System.Text.Json;

namespace Clspd.Deploy.Tests;

/// <summary>
/// The Dockerfile of each service and of the gateway, checked without Docker: an SDK build stage and a chiseled runtime
/// stage, a non-root user, the port the service listens on exposed and probed, and build inputs that exist.
/// </summary>
public sealed class DockerfilePackagingTests
{
    public static TheoryData<string> Images => new(["registry", "consent", "records", "access", "gateway", "web"]);

    public static TheoryData<string> ServiceImages => new(["registry", "consent", "records", "access"]);

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_Stages_SdkBuildThenChiseledRuntime(string name)
    {
        var dockerfile = Load(name);

        Assert.Equal(2, dockerfile.Stages.Count);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0-noble", dockerfile.Stages[0].Image);
        Assert.Equal("build", dockerfile.Stages[0].Name);
        Assert.Equal(ExpectedRuntimeImage(name), dockerfile.Final.Image);
        Assert.Contains(dockerfile.Stages[0].All("RUN"), run =>
            run.StartsWith($"dotnet publish {ProjectPath(name)} -c Release", StringComparison.Ordinal) && run.Contains("-o /app", StringComparison.Ordinal));
        // The runtime stage takes the publish output, never the sources.
        Assert.Contains("--from=build /app ./", dockerfile.Final.All("COPY"));
        Assert.All(dockerfile.Final.All("COPY"), copy => Assert.StartsWith("--from=build", copy, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_User_NumericAndNotRoot(string name)
    {
        var user = Load(name).Final.Last("USER");

        Assert.NotNull(user);
        // A number, so that Kubernetes' runAsNonRoot can check it; 1654 is `app` in the .NET images.
        Assert.True(int.TryParse(user, out var uid), $"USER {user} is not a number");
        Assert.NotEqual(0, uid);
        Assert.Equal(1654, uid);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_Expose_IsTheListenPortTheManagementPortTheHealthCheckAsksAndTheGatewaysJsonPort(string name)
    {
        var final = Load(name).Final;
        var environment = EnvironmentOf(final);

        var listen = new Uri(environment[SettingsPrefix(name) + "Listen"]);
        var management = new Uri(environment[SettingsPrefix(name) + "ManagementListen"]);
        Assert.Equal(("0.0.0.0", "0.0.0.0", Uri.UriSchemeHttp), (listen.Host, management.Host, management.Scheme));
        // The gateway also listens for JSON (Gateway__JsonListen, over TLS on every interface).
        var json = environment.TryGetValue("Gateway__JsonListen", out var jsonListen) ? new Uri(jsonListen) : null;
        Assert.Equal(name == "gateway", json is not null);
        Assert.True(json is null || (json.Scheme == Uri.UriSchemeHttps && json.Host == "0.0.0.0"), $"Gateway__JsonListen is {jsonListen}");
        Assert.Equal([$"{listen.Port}", $"{management.Port}", .. json is null ? Array.Empty<string>() : [$"{json.Port}"]], final.All("EXPOSE"));

        // No shell, curl or wget in the chiseled image: the service's own assembly asks /readyz on the management port.
        var healthcheck = final.Last("HEALTHCHECK");
        Assert.NotNull(healthcheck);
        var command = ExecForm(healthcheck[(healthcheck.IndexOf("CMD ", StringComparison.Ordinal) + 4)..]);
        Assert.Equal(["dotnet", Repository.ProjectName(name) + ".dll", "--probe", $"http://127.0.0.1:{management.Port}/readyz"], command);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_Entrypoint_StartsTheProject(string name)
    {
        var entrypoint = Load(name).Final.Last("ENTRYPOINT");

        Assert.NotNull(entrypoint);
        Assert.Equal(["dotnet", Repository.ProjectName(name) + ".dll"], ExecForm(entrypoint));
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Dockerfile_BuildInputs_ExistAndAreNotIgnored(string name)
    {
        var ignored = Repository.Read(".dockerignore").Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('!'))
            .Select(l => l.TrimEnd('/')).ToList();

        foreach (var copy in Load(name).Stages[0].All("COPY"))
        {
            var parts = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[..^1])
            {
                var path = Repository.PathOf(source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY {source}: no such file in the repository");
                Assert.DoesNotContain(source.TrimEnd('/'), ignored);
                Assert.DoesNotContain(ignored, pattern => !pattern.Contains('*', StringComparison.Ordinal) && source.StartsWith(pattern + "/", StringComparison.Ordinal));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ServiceImages))]
    [InlineData("web")]
    public void Dockerfile_ServiceAndConsole_DataDirectoryOwnedByTheUser(string name)
    {
        var final = Load(name).Final;

        Assert.Equal("/data", EnvironmentOf(final)[name == "web" ? "Web__DataDirectory" : "Database__DataDirectory"]);
        Assert.Contains($"--from=build --chown={final.Last("USER")}:{final.Last("USER")} /data /data", final.All("COPY"));
    }

    /// <summary>The console's settings are in its <c>Web</c> section; the services' and the gateway's in <c>Service</c>.</summary>
    internal static string SettingsPrefix(string name) => name == "web" ? "Web__" : "Service__";

    internal static Dockerfile Load(string name) =>
        Dockerfile.Parse(File.ReadAllText(Path.Combine(Repository.ProjectDirectory(name), "Dockerfile")));

    internal static string ExpectedRuntimeImage(string name) => name == "gateway"
        ? "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled"
        : "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled-extra";

    internal static Dictionary<string, string> EnvironmentOf(Dockerfile.Stage stage) =>
        stage.All("ENV")
            .SelectMany(e => e.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);

    private static string ProjectPath(string name)
    {
        var directory = name == "gateway" ? "gateway" : "services";
        var project = Repository.ProjectName(name);
        return $"{directory}/{project}/{project}.csproj";
    }

    private static string[] ExecForm(string json) => JsonSerializer.Deserialize<string[]>(json.Trim())
        ?? throw new InvalidOperationException($"not an exec form: {json}");
}
