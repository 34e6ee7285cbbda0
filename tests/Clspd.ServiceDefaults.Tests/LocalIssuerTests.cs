using Clspd.ServiceDefaults.Auth;
using Clspd.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.ServiceDefaults.Tests;

public sealed class LocalIssuerTests
{
    [Fact]
    public async Task Mint_ValidatesWithPublicKeyFile_CarriesSubjectOnly()
    {
        using var issuer = new TestIssuer();
        var token = issuer.Token("alice");

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = LocalIssuer.DefaultIssuer,
            ValidAudience = LocalIssuer.DefaultAudience,
            IssuerSigningKey = LocalIssuer.ReadValidationKey(issuer.PublicKeyFile),
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        Assert.Equal("alice", result.Claims["sub"]);
        Assert.DoesNotContain("role", result.Claims.Keys);
    }

    [Fact]
    public async Task Mint_OtherIssuerKey_DoesNotValidate()
    {
        using var issuer = new TestIssuer();
        using var other = new TestIssuer();

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(other.Token("alice"), new TokenValidationParameters
        {
            ValidIssuer = LocalIssuer.DefaultIssuer,
            ValidAudience = LocalIssuer.DefaultAudience,
            IssuerSigningKey = LocalIssuer.ReadValidationKey(issuer.PublicKeyFile),
        });

        Assert.False(result.IsValid);
    }

    [Fact]
    public void EnsureCreated_SecondTime_KeepsTheSameKey()
    {
        using var issuer = new TestIssuer();
        var before = File.ReadAllText(issuer.PrivateKeyFile);
        using var again = LocalIssuer.EnsureCreated(issuer.Directory);

        Assert.Equal(before, File.ReadAllText(issuer.PrivateKeyFile));
        Assert.Contains("PUBLIC KEY", File.ReadAllText(issuer.PublicKeyFile), StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureCreated_NewDirectory_KeysAndFoldersOwnerOnly_OwnerOnly()
    {
        var root = Path.Combine(Path.GetTempPath(), "clspd-tests", Guid.NewGuid().ToString("N"));
        using var issuer = LocalIssuer.EnsureCreated(Path.Combine(root, "data"));

        Assert.Equal([LocalIssuer.PrivateKeyFileName, LocalIssuer.PublicKeyFileName], FileModes.Names(root));
        Assert.Empty(FileModes.NotOwnerOnly(root));
    }
}
