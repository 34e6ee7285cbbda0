using System.Text.Json;

namespace Clspd.Gateway.Tests;

/// <summary>
/// The runtime settings the gateway is built with (issue #22), read from the runtimeconfig.json the build wrote
/// next to Clspd.Gateway.dll, which is what `dotnet Clspd.Gateway.dll` starts with.
/// </summary>
public sealed class GatewayRuntimeConfigTests
{
    [Fact]
    public void RuntimeConfig_ThreadPoolWorkersDoNotSpin()
    {
        var file = Path.ChangeExtension(typeof(GatewayHosting).Assembly.Location, ".runtimeconfig.json");
        Assert.True(File.Exists(file), $"{file} is missing");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(properties.TryGetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit", out var spin),
            "Clspd.Gateway.runtimeconfig.json has no System.Threading.ThreadPool.UnfairSemaphoreSpinLimit (Directory.Build.targets sets it)");
        Assert.Equal(0, spin.GetInt32());
    }
}
