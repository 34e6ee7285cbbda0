using BenchmarkDotNet.Attributes;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults;
using Clspd.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Clspd.Benchmarks.Micro;

/// <summary>
/// A call's authentication as every hop does it (GW-1), with the token already validated once:
/// the services' bearer scheme (<see cref="CachingBearerHandler"/>, the bound identity from the
/// cache) against ASP.NET Core's JWT bearer handler around the same cache of validated tokens (the
/// parameters copied, the claims cloned and bound to the issuer on every call). Same configuration,
/// only the handler differs.
/// </summary>
[MemoryDiagnoser]
public class BearerAuthenticationBenchmarks
{
    private TestIssuer _issuer = null!;
    private string _authorization = null!;
    private ServiceProvider _jwtBearer = null!;
    private ServiceProvider _caching = null!;

    [GlobalSetup]
    public void Setup()
    {
        _issuer = new TestIssuer();
        _authorization = "Bearer " + _issuer.Token("alice", TimeSpan.FromHours(2));
        _jwtBearer = Services(typeof(JwtBearerHandler));
        _caching = Services(typeof(CachingBearerHandler));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _jwtBearer.Dispose();
        _caching.Dispose();
        _issuer.Dispose();
    }

    [Benchmark(Baseline = true)]
    public Task<bool> JwtBearerHandler() => AuthenticateAsync(_jwtBearer);

    [Benchmark]
    public Task<bool> CachingBearerHandler() => AuthenticateAsync(_caching);

    private async Task<bool> AuthenticateAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = _authorization;
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        return result.Succeeded ? true : throw new InvalidOperationException("not authenticated: " + result.Failure?.Message);
    }

    private ServiceProvider Services(Type handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration["Auth:IssuerKeyFile"] = _issuer.PublicKeyFile;
        builder.AddClspdAuthentication();
        builder.Services.Configure<AuthenticationOptions>(o => o.SchemeMap[JwtBearerDefaults.AuthenticationScheme].HandlerType = handler);
        return builder.Services.BuildServiceProvider();
    }
}
