using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Clspd.Local.Tests;

[Collection(RegistryStackSharing.Name)]
public sealed class LocalStackTests(RegistryStackFixture fixture)
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    private LocalStack Stack => fixture.Run.Stack;

    [Fact]
    public async Task StartAsync_OnlyRegistry_GatewayAndRegistryServing()
    {
        using var gateway = GrpcChannel.ForAddress(Stack.GatewayAddress);
        using var registry = Stack.CreateChannel("registry");

        var viaGateway = await new Health.HealthClient(gateway).CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);
        var direct = await new Health.HealthClient(registry).CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, viaGateway.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, direct.Status);
        Assert.Equal(["gateway", "registry", "web"], Stack.ProcessIds.Keys.Order());
        Assert.True(File.Exists(Path.Combine(fixture.Run.DataDirectory, "registry.db")));
    }

    [Fact]
    public async Task Call_ToRegistry_ReachesTheRealServiceWithTheLocalIssuersToken()
    {
        // A service the registry will never have: grpc-dotnet's own answer proves the call went past
        // the gateway's GW-1 check to the registry process (the gateway's answer names a service).
        var e = await Assert.ThrowsAsync<RpcException>(() => CallAsync("clspd.registry.v1.NoSuchServiceForTests", "Call", fixture.Token("admin")));

        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
        Assert.Equal("Service is unimplemented.", e.Status.Detail);
    }

    [Fact]
    public async Task Call_ToRegistryWithoutToken_Unauthenticated_GW_1()
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => CallAsync("clspd.registry.v1.NoSuchServiceForTests", "Call", token: null));

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.StartsWith("GW-1:", e.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("consent", "ConsentService")]
    [InlineData("records", "RecordsService")]
    [InlineData("access", "AccessService")]
    public async Task Call_ToServiceNotRun_UnimplementedByGateway(string service, string serviceType)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => CallAsync($"clspd.{service}.v1.{serviceType}", "Anything", fixture.Token("admin")));

        Assert.Equal(StatusCode.Unimplemented, e.StatusCode);
        Assert.Equal($"the {service} service is not deployed behind this gateway (/clspd.{service}.v1.{serviceType}/Anything)", e.Status.Detail);
    }

    [Fact]
    public void Banner_GrpcurlLine_OneProtosetServesEveryService()
    {
        var banner = Banner.For(Stack);

        Assert.Contains($"grpcurl -plaintext -H \"authorization: Bearer $TOKEN\" -protoset '{StackCatalog.Protoset}' \\\n", banner, StringComparison.Ordinal);
        Assert.Contains($"    -d '{{}}' {Stack.GatewayAddress.Authority} clspd.registry.v1.RegistryService/GetCouncil\n", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("-import-path", banner, StringComparison.Ordinal);
        Assert.DoesNotContain("-proto ", banner, StringComparison.Ordinal);
    }

    private async Task CallAsync(string service, string method, string? token)
    {
        using var channel = GrpcChannel.ForAddress(Stack.GatewayAddress);
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("authorization", "Bearer " + token);
        }

        var call = new Method<byte[], byte[]>(MethodType.Unary, service, method, Bytes, Bytes);
        await channel.CreateCallInvoker().AsyncUnaryCall(call, null, new CallOptions(headers, DateTime.UtcNow.AddSeconds(30)), []).ResponseAsync;
    }
}
