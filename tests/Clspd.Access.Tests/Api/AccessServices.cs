extern alias consent;
extern alias registry;
using Clspd.Consent.V1;
using Clspd.Registry.V1;
using Clspd.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clspd.Access.Tests.Api;

/// <summary>Registry, consent and access in process; access reaches the other two through their test servers.</summary>
public sealed class AccessServices : IAsyncLifetime
{
    public TestIssuer Issuer { get; } = new();

    public ServiceHost<registry::Program> Registry { get; private set; } = null!;

    public ServiceHost<consent::Program> Consent { get; private set; } = null!;

    public ServiceHost<Program> Access { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Registry = new ServiceHost<registry::Program>(Issuer);
        Consent = new ServiceHost<consent::Program>(Issuer);
        await Registry.WaitReadyAsync();
        await Consent.WaitReadyAsync();
        Access = CreateAccess(() => Registry.Server.CreateHandler(), () => Consent.Server.CreateHandler());
        await Access.WaitReadyAsync();
    }

    /// <summary>An access host whose registry and consent connections go through the given handlers.</summary>
    public ServiceHost<Program> CreateAccess(Func<HttpMessageHandler> registryHandler, Func<HttpMessageHandler> consentHandler,
        IDictionary<string, string?>? settings = null) =>
        new(Issuer, new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["Services:Registry"] = "http://registry.localhost", ["Services:Consent"] = "http://consent.localhost",
        })
        {
            ConfigureTestServices = services =>
            {
                services.AddGrpcClient<RegistryService.RegistryServiceClient>().ConfigurePrimaryHttpMessageHandler(registryHandler);
                services.AddGrpcClient<ConsentService.ConsentServiceClient>().ConfigurePrimaryHttpMessageHandler(consentHandler);
            },
        };

    public async ValueTask DisposeAsync()
    {
        await Access.DisposeAsync();
        await Consent.DisposeAsync();
        await Registry.DisposeAsync();
        Issuer.Dispose();
    }
}
