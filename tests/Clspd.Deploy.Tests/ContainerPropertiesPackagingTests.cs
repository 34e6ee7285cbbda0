using System.Diagnostics;
using System.Text.Json;

namespace Clspd.Deploy.Tests;

/// <summary>
/// `dotnet publish -t:PublishContainer` builds the image the Dockerfile builds: the project's container properties,
/// as MSBuild evaluates them (no build), give the same base image, user, port and listen address. The services also
/// run with ICU, which SqlClient needs.
/// </summary>
public sealed class ContainerPropertiesPackagingTests
{
    public static TheoryData<string> Images => new(["registry", "consent", "records", "access", "gateway", "web"]);

    [Theory]
    [MemberData(nameof(Images))]
    public async Task ContainerProperties_SameImageAsTheDockerfile(string name)
    {
        var evaluated = await EvaluateAsync(name);
        var final = DockerfilePackagingTests.Load(name).Final;
        var properties = evaluated.GetProperty("Properties");
        var items = evaluated.GetProperty("Items");

        Assert.Equal(final.Image, properties.GetProperty("ContainerBaseImage").GetString());
        Assert.Equal(final.Last("USER"), properties.GetProperty("ContainerUser").GetString());
        Assert.Equal("clspd/" + name, properties.GetProperty("ContainerRepository").GetString());
        Assert.Equal(final.All("EXPOSE"), items.GetProperty("ContainerPort").EnumerateArray().Select(p => p.GetProperty("Identity").GetString()));
        var environment = items.GetProperty("ContainerEnvironmentVariable").EnumerateArray()
            .ToDictionary(e => e.GetProperty("Identity").GetString()!, e => e.GetProperty("Value").GetString() ?? string.Empty);
        Assert.Equal(DockerfilePackagingTests.EnvironmentOf(final), environment);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public async Task InvariantGlobalization_OffForTheServices_SqlClientNeedsIcu(string name)
    {
        var evaluated = await EvaluateAsync(name);

        var invariant = evaluated.GetProperty("Properties").GetProperty("InvariantGlobalization").GetString();

        // SqlClient throws "Globalization Invariant Mode is not supported" on its first connection, and the console
        // writes French dates; the gateway does neither and keeps the smaller image without ICU.
        Assert.Equal(name == "gateway" ? "true" : "false", invariant);
    }

    private static async Task<JsonElement> EvaluateAsync(string name)
    {
        var project = Path.Combine(Repository.ProjectDirectory(name), Repository.ProjectName(name) + ".csproj");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "msbuild", project, "-p:Configuration=Release", "-getProperty:ContainerBaseImage", "-getProperty:ContainerUser",
            "-getProperty:ContainerRepository", "-getProperty:InvariantGlobalization", "-getItem:ContainerPort",
            "-getItem:ContainerEnvironmentVariable",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"dotnet msbuild {project} exited with {process.ExitCode}: {await error}{await output}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    // `dotnet test` gives the path of the dotnet that runs it.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
