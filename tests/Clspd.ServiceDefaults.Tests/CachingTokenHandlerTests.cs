using System.Text;
using Clspd.ServiceDefaults.Auth;
using Clspd.Testing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.ServiceDefaults.Tests;

public sealed class CachingTokenHandlerTests : IDisposable
{
    private readonly TestIssuer _issuer = new();
    private readonly LocalIssuer _minter;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TokenValidationParameters _parameters;

    public CachingTokenHandlerTests()
    {
        _minter = LocalIssuer.Load(_issuer.PrivateKeyFile);
        _parameters = Parameters(LocalIssuer.ReadValidationKey(_issuer.PublicKeyFile));
    }

    [Fact]
    public async Task ValidateToken_SecondTime_ServedFromCacheWithSubject()
    {
        var handler = Handler(capacity: 10);
        var token = _minter.Mint("alice", TimeSpan.FromMinutes(5), _clock.GetUtcNow());

        var first = await handler.ValidateTokenAsync(token, _parameters);
        var second = await handler.ValidateTokenAsync(token, _parameters);

        Assert.True(first.IsValid, first.Exception?.Message);
        Assert.True(second.IsValid, second.Exception?.Message);
        Assert.Equal(1, handler.Cache.Count);
        Assert.Equal("alice", second.ClaimsIdentity.FindFirst("sub")?.Value);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
    }

    [Fact]
    public async Task ValidateToken_CachedThenPastExp_Refused_GW_1()
    {
        var handler = Handler(capacity: 10);
        var token = _minter.Mint("alice", TimeSpan.FromMinutes(5), _clock.GetUtcNow());
        Assert.True((await handler.ValidateTokenAsync(token, _parameters)).IsValid);

        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var result = await handler.ValidateTokenAsync(token, _parameters);

        Assert.False(result.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(result.Exception);
        Assert.Equal(0, handler.Cache.Count);
    }

    [Fact]
    public async Task ValidateToken_AlreadyPastExpByOurClock_RefusedAndNotCached_GW_1()
    {
        var handler = Handler(capacity: 10);
        // Within the inner handler's clock skew, but past its exp.
        var token = _minter.Mint("alice", TimeSpan.FromMinutes(5), _clock.GetUtcNow() - TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(5));

        var result = await handler.ValidateTokenAsync(token, _parameters);

        Assert.False(result.IsValid);
        Assert.IsType<SecurityTokenExpiredException>(result.Exception);
        Assert.Equal(0, handler.Cache.Count);
    }

    [Fact]
    public async Task ValidateToken_TamperedPayloadOfCachedToken_Refused_GW_1()
    {
        var handler = Handler(capacity: 10);
        var token = _minter.Mint("alice", TimeSpan.FromMinutes(5), _clock.GetUtcNow());
        Assert.True((await handler.ValidateTokenAsync(token, _parameters)).IsValid);

        var parts = token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"alice\"", "\"mallory\"", StringComparison.Ordinal);
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        var result = await handler.ValidateTokenAsync(tampered, _parameters);

        Assert.False(result.IsValid);
        Assert.IsType<SecurityTokenInvalidSignatureException>(result.Exception);
        Assert.Equal(1, handler.Cache.Count);
    }

    [Fact]
    public async Task ValidateToken_TamperedSignature_Refused_GW_1()
    {
        var handler = Handler(capacity: 10);
        var token = _minter.Mint("alice", TimeSpan.FromMinutes(5), _clock.GetUtcNow());
        var signature = Base64UrlEncoder.DecodeBytes(token.Split('.')[2]);
        signature[0] ^= 0xFF;
        var tampered = token[..(token.LastIndexOf('.') + 1)] + Base64UrlEncoder.Encode(signature);

        var first = await handler.ValidateTokenAsync(tampered, _parameters);
        var second = await handler.ValidateTokenAsync(tampered, _parameters);

        Assert.False(first.IsValid);
        Assert.False(second.IsValid);
        Assert.Equal(0, handler.Cache.Count);
    }

    [Fact]
    public async Task ValidateToken_SigningKeyRolledOver_Refused_GW_1()
    {
        var handler = Handler(capacity: 10);
        var token = _minter.Mint("alice", TimeSpan.FromMinutes(5), _clock.GetUtcNow());
        Assert.True((await handler.ValidateTokenAsync(token, _parameters)).IsValid);

        using var next = new TestIssuer();
        var result = await handler.ValidateTokenAsync(token, Parameters(LocalIssuer.ReadValidationKey(next.PublicKeyFile)));

        Assert.False(result.IsValid);
        Assert.Equal(0, handler.Cache.Count);
    }

    [Fact]
    public async Task ValidateToken_MoreTokensThanCapacity_CacheStaysBoundedAndAllValid()
    {
        var handler = Handler(capacity: 3);
        for (var i = 0; i < 6; i++)
        {
            var token = _minter.Mint($"user-{i}", TimeSpan.FromMinutes(5), _clock.GetUtcNow());
            Assert.True((await handler.ValidateTokenAsync(token, _parameters)).IsValid);
        }

        Assert.Equal(3, handler.Cache.Count);
    }

    [Fact]
    public async Task ValidateToken_CacheFullOfExpiredEntries_SweptForNewTokens()
    {
        var handler = Handler(capacity: 2);
        for (var i = 0; i < 2; i++)
        {
            Assert.True((await handler.ValidateTokenAsync(_minter.Mint($"user-{i}", TimeSpan.FromMinutes(1), _clock.GetUtcNow()), _parameters)).IsValid);
        }

        _clock.Advance(TimeSpan.FromMinutes(2));
        // Issued now by the wall clock (the inner handler's), still valid by the advanced clock.
        var fresh = _minter.Mint("bob", TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);
        Assert.True((await handler.ValidateTokenAsync(fresh, _parameters)).IsValid);

        Assert.Equal(1, handler.Cache.Count);
    }

    [Fact]
    public async Task ValidateToken_ZeroCapacity_ValidatesWithoutCaching()
    {
        var handler = Handler(capacity: 0);
        var token = _minter.Mint("alice", TimeSpan.FromMinutes(5), _clock.GetUtcNow());

        Assert.True((await handler.ValidateTokenAsync(token, _parameters)).IsValid);
        Assert.Equal(0, handler.Cache.Count);
    }

    public void Dispose()
    {
        _minter.Dispose();
        _issuer.Dispose();
    }

    private CachingTokenHandler Handler(int capacity) =>
        new(new JsonWebTokenHandler { MapInboundClaims = false }, new ValidatedTokenCache(capacity, _clock));

    private static TokenValidationParameters Parameters(SecurityKey key) => new()
    {
        ValidIssuer = LocalIssuer.DefaultIssuer,
        ValidAudience = LocalIssuer.DefaultAudience,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "sub",
    };
}
