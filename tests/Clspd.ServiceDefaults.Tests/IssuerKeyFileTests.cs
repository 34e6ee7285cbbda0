using System.Security.Cryptography;
using Clspd.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Options;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>
/// A wrong <c>Auth:IssuerKeyFile</c> stops the host at start-up with a sentence naming the setting, rather
/// than letting it start and fail every call.
/// </summary>
public sealed class IssuerKeyFileTests : IDisposable
{
    private readonly TestIssuer _issuer = new();

    private static async Task StartAsync(string issuerKeyFile)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Auth:IssuerKeyFile"] = issuerKeyFile;
        builder.AddClspdAuthentication();
        await using var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    private string FileWith(string contents)
    {
        var path = Path.Combine(_issuer.Directory, Guid.NewGuid().ToString("N") + ".pem");
        File.WriteAllText(path, contents);
        return path;
    }

    [Fact]
    public async Task Start_IssuerKeyFileMissing_RefusedNamingTheSettingAndTheFile()
    {
        var missing = Path.Combine(_issuer.Directory, "no-such-key.pem");

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(missing));

        Assert.Equal($"Auth:IssuerKeyFile: the issuer key file {missing} does not exist", ex.Message);
    }

    [Fact]
    public async Task Start_IssuerKeyFileWithoutAKey_RefusedNamingTheSetting()
    {
        var notAKey = FileWith("this is not a key\n");

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(notAKey));

        Assert.StartsWith($"Auth:IssuerKeyFile: {notAKey} holds no usable ECDSA P-256 public key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_IssuerKeyFileWithAnRsaKey_RefusedNamingTheSetting()
    {
        using var rsa = RSA.Create(2048);
        var rsaKey = FileWith(rsa.ExportSubjectPublicKeyInfoPem());

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(rsaKey));

        Assert.StartsWith($"Auth:IssuerKeyFile: {rsaKey} holds no usable ECDSA P-256 public key", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_IssuerKeyFileWithAnotherCurve_RefusedNamingTheSetting()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var other = FileWith(p384.ExportSubjectPublicKeyInfoPem());

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(other));

        Assert.Equal($"Auth:IssuerKeyFile: the key in {other} is an ECDSA key of 384 bits; tokens are signed with ES256 (P-256)", ex.Message);
    }

    [Fact]
    public async Task Start_IssuerPublicKeyFile_Starts()
    {
        await StartAsync(_issuer.PublicKeyFile);
    }

    public void Dispose() => _issuer.Dispose();
}
