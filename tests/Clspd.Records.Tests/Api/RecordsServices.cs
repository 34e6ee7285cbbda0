extern alias access;
extern alias consent;
extern alias registry;
using Clspd.Access.V1;
using Clspd.Consent.V1;
using Clspd.Registry.V1;
using Clspd.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Clspd.Records.Tests.Api;

/// <summary>The four services in process, wired to each other through their test servers.</summary>
public sealed class RecordsServices : IAsyncLifetime
{
    public TestIssuer Issuer { get; } = new();

    public ServiceHost<registry::Program> Registry { get; private set; } = null!;

    public ServiceHost<consent::Program> Consent { get; private set; } = null!;

    public ServiceHost<access::Program> Access { get; private set; } = null!;

    public ServiceHost<Program> Records { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Registry = new ServiceHost<registry::Program>(Issuer);
        Consent = new ServiceHost<consent::Program>(Issuer);
        await Registry.WaitReadyAsync();
        await Consent.WaitReadyAsync();
        Access = new ServiceHost<access::Program>(Issuer, new Dictionary<string, string?> { ["Services:Registry"] = "http://registry.localhost", ["Services:Consent"] = "http://consent.localhost" })
        {
            ConfigureTestServices = services =>
            {
                services.AddGrpcClient<RegistryService.RegistryServiceClient>().ConfigurePrimaryHttpMessageHandler(() => Registry.Server.CreateHandler());
                services.AddGrpcClient<ConsentService.ConsentServiceClient>().ConfigurePrimaryHttpMessageHandler(() => Consent.Server.CreateHandler());
            },
        };
        await Access.WaitReadyAsync();
        Records = CreateRecords(() => Access.Server.CreateHandler());
        await Records.WaitReadyAsync();
    }

    /// <summary>
    /// A records host whose access connection goes through the given handler, and optionally its
    /// consent (ConsentService), registry and consent subjects (SubjectService) connections too, and
    /// settings of its own (over the defaults).
    /// </summary>
    public ServiceHost<Program> CreateRecords(Func<HttpMessageHandler> accessHandler, Func<HttpMessageHandler>? consentHandler = null,
        Func<HttpMessageHandler>? registryHandler = null, Func<HttpMessageHandler>? subjectsHandler = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(Issuer, new Dictionary<string, string?>
        {
            ["Services:Registry"] = "http://registry.localhost", ["Services:Access"] = "http://access.localhost", ["Services:Consent"] = "http://consent.localhost",
            // The test clock moves only when told, so a paced lifecycle run would wait for ever (the pace has its own tests).
            ["Records:LifecycleRatePerMinute"] = "0",
            // As the local stack: a first start creates its master key.
            ["Records:CreateMasterKeyIfMissing"] = "true",
        }.Concat(settings ?? new Dictionary<string, string?>()).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Last().Value))
        {
            ConfigureTestServices = services =>
            {
                services.AddGrpcClient<RegistryService.RegistryServiceClient>().ConfigurePrimaryHttpMessageHandler(registryHandler ?? (() => Registry.Server.CreateHandler()));
                services.AddGrpcClient<AccessService.AccessServiceClient>().ConfigurePrimaryHttpMessageHandler(accessHandler);
                services.AddGrpcClient<AuditService.AuditServiceClient>().ConfigurePrimaryHttpMessageHandler(accessHandler);
                services.AddGrpcClient<SubjectService.SubjectServiceClient>().ConfigurePrimaryHttpMessageHandler(subjectsHandler ?? (() => Consent.Server.CreateHandler()));
                services.AddGrpcClient<ConsentService.ConsentServiceClient>().ConfigurePrimaryHttpMessageHandler(consentHandler ?? (() => Consent.Server.CreateHandler()));
            },
        };

    public async ValueTask DisposeAsync()
    {
        await Records.DisposeAsync();
        await Access.DisposeAsync();
        await Consent.DisposeAsync();
        await Registry.DisposeAsync();
        Issuer.Dispose();
    }
}
