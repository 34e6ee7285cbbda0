using System.Xml.Linq;
using Clspd.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>
/// The services' authentication brings ASP.NET data protection in, which nothing here uses: starting
/// a service must not load, create or write its key ring (an unencrypted key file in the home
/// directory otherwise), and anything that asks for a protector gets one that works in memory.
/// </summary>
public sealed class DataProtectionTests : IDisposable
{
    private readonly TestIssuer _issuer = new();

    [Fact]
    public async Task Authentication_HostStarted_NoKeyRingReadOrWritten()
    {
        var repository = new RecordingXmlRepository();
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Auth:IssuerKeyFile"] = _issuer.PublicKeyFile;
        // Where the file-based key ring would be read from and written to.
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = repository);
        builder.AddClspdAuthentication();
        await using var app = builder.Build();

        await app.StartAsync(TestContext.Current.CancellationToken);
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var roundTrip = protector.Unprotect(protector.Protect("kept in memory"));
        await app.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal("kept in memory", roundTrip);
        Assert.Equal(0, repository.Reads);
        Assert.Empty(repository.Stored);
    }

    public void Dispose() => _issuer.Dispose();

    private sealed class RecordingXmlRepository : IXmlRepository
    {
        public int Reads { get; private set; }

        public List<string> Stored { get; } = [];

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            Reads++;
            return [];
        }

        public void StoreElement(XElement element, string friendlyName) => Stored.Add(friendlyName);
    }
}
