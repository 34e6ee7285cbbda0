using System.Text;
using Clspd.ServiceDefaults.Auth;
using Clspd.Testing;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
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

    /// <summary>What becomes of a token that was valid and cached, before it is presented again.</summary>
    public enum AfterCaching
    {
        /// <summary>Our clock passes its exp.</summary>
        ClockPastExp,

        /// <summary>Its payload is changed (another subject), the signature kept.</summary>
        PayloadTampered,

        /// <summary>The issuer's signing key rolls over: the validation key is another one.</summary>
        SigningKeyRolledOver,
    }

    /// <summary>A token that was never valid, presented for the first time.</summary>
    public enum BadToken
    {
        /// <summary>Within the inner handler's clock skew, but past its exp by our clock.</summary>
        AlreadyPastExpByOurClock,

        /// <summary>One byte of the signature flipped.</summary>
        SignatureTampered,
    }

    [Theory]
    [InlineData(AfterCaching.ClockPastExp, typeof(SecurityTokenExpiredException), 0)]
    [InlineData(AfterCaching.PayloadTampered, typeof(SecurityTokenInvalidSignatureException), 1)]
    [InlineData(AfterCaching.SigningKeyRolledOver, typeof(SecurityTokenSignatureKeyNotFoundException), 0)]
    public async Task ValidateToken_CachedThenChanged_Refused_GW_1(AfterCaching change, Type refusal, int cachedAfter)
    {
        var handler = Handler(capacity: 10);
        var token = _minter.Mint("alice", TimeSpan.FromMinutes(5), _clock.GetUtcNow());
        Assert.True((await handler.ValidateTokenAsync(token, _parameters)).IsValid);
        using var next = new TestIssuer();
        var parameters = _parameters;
        switch (change)
        {
            case AfterCaching.ClockPastExp:
                _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
                break;
            case AfterCaching.PayloadTampered:
                var parts = token.Split('.');
                var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("\"alice\"", "\"mallory\"", StringComparison.Ordinal);
                token = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
                break;
            case AfterCaching.SigningKeyRolledOver:
                parameters = Parameters(LocalIssuer.ReadValidationKey(next.PublicKeyFile));
                break;
        }

        var result = await handler.ValidateTokenAsync(token, parameters);

        Assert.False(result.IsValid);
        Assert.IsType(refusal, result.Exception);
        // The original token stays cached only when it was not the one refused.
        Assert.Equal(cachedAfter, handler.Cache.Count);
    }

    [Theory]
    [InlineData(BadToken.AlreadyPastExpByOurClock, typeof(SecurityTokenExpiredException))]
    [InlineData(BadToken.SignatureTampered, typeof(SecurityTokenInvalidSignatureException))]
    public async Task ValidateToken_BadToken_RefusedEveryTimeAndNotCached_GW_1(BadToken bad, Type refusal)
    {
        var handler = Handler(capacity: 10);
        string token;
        if (bad == BadToken.AlreadyPastExpByOurClock)
        {
            token = _minter.Mint("alice", TimeSpan.FromMinutes(5), _clock.GetUtcNow() - TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(5));
        }
        else
        {
            var valid = _minter.Mint("alice", TimeSpan.FromMinutes(5), _clock.GetUtcNow());
            var signature = Base64UrlEncoder.DecodeBytes(valid.Split('.')[2]);
            signature[0] ^= 0xFF;
            token = valid[..(valid.LastIndexOf('.') + 1)] + Base64UrlEncoder.Encode(signature);
        }

        var first = await handler.ValidateTokenAsync(token, _parameters);
        var second = await handler.ValidateTokenAsync(token, _parameters);

        Assert.False(first.IsValid);
        Assert.False(second.IsValid);
        Assert.IsType(refusal, first.Exception);
        Assert.IsType(refusal, second.Exception);
        Assert.Equal(0, handler.Cache.Count);
    }

    [Theory]
    [InlineData(3, 6, 3)]
    [InlineData(0, 1, 0)]
    public async Task ValidateToken_DistinctTokens_AllValidAndCacheBoundedByCapacity(int capacity, int tokens, int cached)
    {
        var handler = Handler(capacity);
        for (var i = 0; i < tokens; i++)
        {
            var token = _minter.Mint($"user-{i}", TimeSpan.FromMinutes(5), _clock.GetUtcNow());
            Assert.True((await handler.ValidateTokenAsync(token, _parameters)).IsValid);
        }

        Assert.Equal(cached, handler.Cache.Count);
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
    public async Task ValidateToken_OidcIssuerWithKeysFromMetadata_SecondTimeFromCache_GW_1()
    {
        var inner = new CountingHandler();
        var handler = new CachingTokenHandler(inner, new ValidatedTokenCache(10, _clock));
        var key = LocalIssuer.ReadValidationKey(_issuer.PublicKeyFile);
        var metadata = new OpenIdConnectConfiguration { Issuer = LocalIssuer.DefaultIssuer };
        metadata.SigningKeys.Add(key);
        var parameters = new TokenValidationParameters
        {
            ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(metadata),
            ValidAudience = LocalIssuer.DefaultAudience, ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256], NameClaimType = "sub",
        };
        var token = _minter.Mint("alice", TimeSpan.FromMinutes(5), _clock.GetUtcNow());

        var first = await handler.ValidateTokenAsync(token, parameters);
        var second = await handler.ValidateTokenAsync(token, parameters);

        Assert.True(first.IsValid, first.Exception?.Message);
        Assert.True(second.IsValid, second.Exception?.Message);
        Assert.Equal(1, inner.Validations);
        Assert.Equal("alice", second.ClaimsIdentity.FindFirst("sub")?.Value);
    }

    [Fact]
    public async Task ValidateToken_OidcMetadataNoLongerHoldsTheKey_ValidatedAgainAndRefused_GW_1()
    {
        var handler = new CachingTokenHandler(new CountingHandler(), new ValidatedTokenCache(10, _clock));
        var metadata = new OpenIdConnectConfiguration { Issuer = LocalIssuer.DefaultIssuer };
        metadata.SigningKeys.Add(LocalIssuer.ReadValidationKey(_issuer.PublicKeyFile));
        var manager = new StaticConfigurationManager<OpenIdConnectConfiguration>(metadata);
        var parameters = new TokenValidationParameters
        {
            ConfigurationManager = manager, ValidAudience = LocalIssuer.DefaultAudience, ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        };
        var token = _minter.Mint("alice", TimeSpan.FromMinutes(5), _clock.GetUtcNow());
        Assert.True((await handler.ValidateTokenAsync(token, parameters)).IsValid);
        using var next = new TestIssuer();
        var rolled = new OpenIdConnectConfiguration { Issuer = LocalIssuer.DefaultIssuer };
        rolled.SigningKeys.Add(LocalIssuer.ReadValidationKey(next.PublicKeyFile));

        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(rolled),
            ValidAudience = LocalIssuer.DefaultAudience, ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        });

        Assert.False(result.IsValid);
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

    private sealed class CountingHandler : JsonWebTokenHandler
    {
        public CountingHandler() => MapInboundClaims = false;

        public int Validations { get; private set; }

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Validations++;
            return base.ValidateTokenAsync(token, validationParameters);
        }
    }
}
