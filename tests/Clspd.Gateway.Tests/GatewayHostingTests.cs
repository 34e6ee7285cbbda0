using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Hosting;

namespace Clspd.Gateway.Tests;

public sealed class GatewayHostingTests
{
    [Fact]
    public void AddClspdGateway_NoDataProtectionKeyRingLoadedAtStartUp()
    {
        var builder = WebApplication.CreateBuilder();

        builder.AddClspdGateway();

        // Data protection's hosted service would load, or create and write, a file-based key ring at start-up.
        var dataProtection = typeof(EphemeralDataProtectionProvider).Assembly;
        Assert.DoesNotContain(builder.Services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == dataProtection);
        Assert.Contains(builder.Services, d => d.ServiceType == typeof(IDataProtectionProvider));
    }
}
