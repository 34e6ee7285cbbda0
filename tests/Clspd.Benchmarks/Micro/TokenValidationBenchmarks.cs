using BenchmarkDotNet.Attributes;
using Clspd.ServiceDefaults.Auth;
using Clspd.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Clspd.Benchmarks.Micro;

/// <summary>
/// Bearer token validation as every hop does it (GW-1): the full ECDSA P-256 check, and the same
/// token presented again to the cache of validated tokens.
/// </summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks
{
    private TestIssuer _issuer = null!;
    private string _token = null!;
    private TokenValidationParameters _parameters = null!;
    private JsonWebTokenHandler _full = null!;
    private CachingTokenHandler _cached = null!;

    [GlobalSetup]
    public void Setup()
    {
        _issuer = new TestIssuer();
        _token = _issuer.Token("alice", TimeSpan.FromHours(2));
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = LocalIssuer.DefaultIssuer,
            ValidAudience = LocalIssuer.DefaultAudience,
            IssuerSigningKey = LocalIssuer.ReadValidationKey(_issuer.PublicKeyFile),
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        };
        _full = new JsonWebTokenHandler { MapInboundClaims = false };
        _cached = new CachingTokenHandler(new JsonWebTokenHandler { MapInboundClaims = false }, new ValidatedTokenCache(10_000, TimeProvider.System));
    }

    [GlobalCleanup]
    public void Cleanup() => _issuer.Dispose();

    [Benchmark(Baseline = true)]
    public async Task<bool> FullValidation() => (await _full.ValidateTokenAsync(_token, _parameters)).IsValid;

    [Benchmark]
    public async Task<bool> CachedValidation() => (await _cached.ValidateTokenAsync(_token, _parameters)).IsValid;
}
