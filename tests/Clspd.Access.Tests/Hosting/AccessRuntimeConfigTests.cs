using System.Text.Json;

namespace Clspd.Access.Tests.Hosting;

/// <summary>
/// The runtime settings the access service is built with (issue #22), read from the runtimeconfig.json the build
/// wrote next to Clspd.Access.dll, which is what `dotnet Clspd.Access.dll` starts with.
/// </summary>
public sealed class AccessRuntimeConfigTests
{
    [Fact]
    public void RuntimeConfig_ThreadPoolWorkersDoNotSpin()
    {
        var properties = ConfigProperties(typeof(Program).Assembly);

        Assert.True(properties.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var spin),
            "Clspd.Access.runtimeconfig.json has no System.Threading.ThreadPool.UnfairSemaphoreSpinLimit (Directory.Build.targets sets it)");
        Assert.Equal(0, spin.GetInt32());
    }

    private static JsonElement ConfigProperties(System.Reflection.Assembly host)
    {
        var file = Path.ChangeExtension(host.Location, ".runtimeconfig.json");
        Assert.True(File.Exists(file), $"{file} is missing");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        return json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").Clone();
    }
}
