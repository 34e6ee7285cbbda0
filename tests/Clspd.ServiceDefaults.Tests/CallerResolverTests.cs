using System.Security.Claims;
using Clspd.ServiceDefaults.Auth;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>The caller of a request is read from its validated token once, however many interceptors and methods ask (GW-1).</summary>
public sealed class CallerResolverTests
{
    private static readonly CallerResolver Resolver = new(Options.Create(new AuthOptions()));

    private static ClaimsPrincipal User(string subject, params string[] councils) =>
        new(new ClaimsIdentity([new Claim("sub", subject), .. councils.Select(c => new Claim(TrustedIssuers.CouncilClaim, c))], authenticationType: "Bearer"));

    [Fact]
    public void Resolve_TwiceInOneRequest_TheSameCaller_GW_1()
    {
        var http = new DefaultHttpContext { User = User("agent-a", "council-a") };

        var first = Resolver.Resolve(http);
        var second = Resolver.Resolve(http);

        Assert.Same(first, second);
        Assert.Equal(("agent-a", false), (first.Subject, first.IsService));
        Assert.Equal(["council-a"], first.Councils);
    }

    [Fact]
    public void Resolve_UserReplacedDuringTheRequest_TheNewUsersCaller_GW_1()
    {
        var http = new DefaultHttpContext { User = User("agent-a") };
        var before = Resolver.Resolve(http);

        http.User = User("agent-b", "council-b");
        var after = Resolver.Resolve(http);

        Assert.Equal("agent-a", before.Subject);
        Assert.Equal(("agent-b", "council-b"), (after.Subject, after.Councils.Single()));
    }

    [Fact]
    public void Resolve_NoAuthenticatedSubject_UnauthenticatedEveryTime_GW_1()
    {
        var http = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "agent-a")])) };

        var first = Assert.Throws<RpcException>(() => Resolver.Resolve(http));
        var second = Assert.Throws<RpcException>(() => Resolver.Resolve(http));

        Assert.Equal(StatusCode.Unauthenticated, first.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, second.StatusCode);
        Assert.Contains("GW-1", second.Status.Detail, StringComparison.Ordinal);
    }
}
