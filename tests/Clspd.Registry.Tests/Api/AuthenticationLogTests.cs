using Clspd.Registry.V1;
using Clspd.ServiceDefaults.Auth;
using Clspd.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Clspd.Registry.Tests.Api;

public sealed class AuthenticationLogTests
{
    [Fact]
    public async Task Call_TokenOfAnotherIssuer_LoggedAtWarningWithoutTheToken_GW_1()
    {
        using var issuer = new TestIssuer();
        using var stranger = new TestIssuer();
        var logs = new LogCapture();
        await using var host = new ServiceHost<Program>(issuer) { ConfigureTestServices = s => s.AddSingleton<ILoggerProvider>(logs) };
        await host.WaitReadyAsync();
        var token = stranger.Token("mallory");

        var e = await Assert.ThrowsAsync<RpcException>(() => new RegistryService.RegistryServiceClient(host.Channel)
            .GetCouncilAsync(new GetCouncilRequest { CouncilId = "c" }, new Metadata { { "authorization", "Bearer " + token } }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        var entry = Assert.Single(logs.Entries, l => l.Category == AuthenticationFailureLog.Category);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("GW-1: bearer token refused (signature not from a trusted key) for claimed subject mallory from unknown on /clspd.registry.v1.RegistryService/GetCouncil",
            entry.Message);
        Assert.DoesNotContain(logs.Entries, l => l.Message.Contains(token.Split('.')[2], StringComparison.Ordinal));
    }
}
