using Clspd.Consent.V1;
using Clspd.Registry.V1;
using Clspd.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Clspd.Consent.Tests.Api;

/// <summary>
/// The consent service in process with a test issuer and a fake registry. Configured: recorder
/// <c>worker</c>, reader <c>coordinator</c>, notice editor <c>dpo</c>, bootstrap admin <c>admin</c>.
/// </summary>
public sealed class ConsentHost : IAsyncLifetime
{
    public TestIssuer Issuer { get; } = new();

    public FakeRegistry Registry { get; } = new();

    public ServiceHost<Program> Host { get; private set; } = null!;

    public ConsentService.ConsentServiceClient Consent { get; private set; } = null!;

    public SubjectService.SubjectServiceClient Subjects { get; private set; } = null!;

    public NoticeService.NoticeServiceClient Notices { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Host = new ServiceHost<Program>(Issuer, new Dictionary<string, string?>
        {
            ["Consent:Recorders:0"] = "worker",
            ["Consent:Readers:0"] = "coordinator",
            ["Consent:NoticeEditors:0"] = "dpo",
            ["Services:Registry"] = "http://127.0.0.1:9",
        })
        {
            ConfigureTestServices = services => services.AddSingleton<RegistryService.RegistryServiceClient>(Registry),
        };
        Consent = new ConsentService.ConsentServiceClient(Host.Channel);
        Subjects = new SubjectService.SubjectServiceClient(Host.Channel);
        Notices = new NoticeService.NoticeServiceClient(Host.Channel);
        await Host.WaitReadyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Issuer.Dispose();
    }
}
