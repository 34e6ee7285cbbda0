using Clspd.ServiceDefaults;
using Microsoft.Extensions.Configuration;

namespace Clspd.ServiceDefaults.Tests;

public sealed class PeerOptionsTests
{
    private static PeerOptions Bind(string? milliseconds)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [$"{PeerOptions.Section}:CallTimeoutMilliseconds"] = milliseconds })
            .Build();
        return configuration.GetSection(PeerOptions.Section).Get<PeerOptions>() ?? new PeerOptions();
    }

    [Fact]
    public void CallTimeout_Unset_TheServiceDefault_ACC_7()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), Bind(null).CallTimeout(TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void CallTimeout_Configured_WinsOverTheServiceDefault_ACC_7()
    {
        Assert.Equal(TimeSpan.FromSeconds(60), Bind("60000").CallTimeout(TimeSpan.FromSeconds(2)));
    }
}
