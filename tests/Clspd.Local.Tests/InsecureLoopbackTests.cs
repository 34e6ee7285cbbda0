using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Clspd.Local.Tests;

/// <summary><c>--insecure-loopback</c>: h2c on every hop, for debugging, and no certificates made.</summary>
public sealed class InsecureLoopbackTests
{
    [Fact]
    public async Task Start_InsecureLoopback_EveryPieceAnswersOverH2c()
    {
        await using var run = new StackRun(insecureLoopback: true, "registry");
        await run.Stack.StartAsync(TestContext.Current.CancellationToken);

        using var gateway = GrpcChannel.ForAddress(run.Stack.GatewayAddress);
        using var registry = GrpcChannel.ForAddress($"http://127.0.0.1:{run.Stack.AddressOf("registry").Port}");
        var viaGateway = await new Health.HealthClient(gateway).CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);
        var direct = await new Health.HealthClient(registry).CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, viaGateway.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, direct.Status);
        Assert.False(run.Stack.UsesTls);
        Assert.Null(run.Stack.Certificates);
        Assert.False(Directory.Exists(Path.Combine(run.DataDirectory, DevelopmentCertificates.DirectoryName)));
        Assert.Contains("  mode      h2c everywhere (--insecure-loopback): no TLS between the services\n", Banner.For(run.Stack), StringComparison.Ordinal);
        Assert.Null(run.Stack.GatewayTlsAddress);
        Assert.DoesNotContain("  tls  ", Banner.For(run.Stack), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InsecureLoopbackOption_Known()
    {
        var parse = LocalCli.BuildRoot().Parse(["--insecure-loopback", "--data", "somewhere"]);

        Assert.Empty(parse.Errors);
        Assert.True(parse.GetValue<bool>("--insecure-loopback"));
    }
}
