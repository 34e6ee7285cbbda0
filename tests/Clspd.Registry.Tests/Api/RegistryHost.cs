using Clspd.Registry.V1;
using Clspd.Testing;
using Grpc.Core;

namespace Clspd.Registry.Tests.Api;

/// <summary>
/// The registry in process with a test issuer, shared by the API test classes of
/// <see cref="SharedRegistry"/>; <see cref="Client"/> calls it through the real pipeline.
/// </summary>
public sealed class RegistryHost : IAsyncLifetime
{
    public TestIssuer Issuer { get; } = new();

    public ServiceHost<Program> Host { get; private set; } = null!;

    public RegistryService.RegistryServiceClient Client { get; private set; } = null!;

    public CharterService.CharterServiceClient Charter { get; private set; } = null!;

    /// <summary>Settings beyond the test issuer's (e.g. <c>Auth:Issuers</c>), for a host a test starts itself.</summary>
    public IDictionary<string, string?>? Settings { get; init; }

    /// <summary>A registry on a database of its own on the test run's PostgreSQL server, created at start.</summary>
    public static RegistryHost OnPostgres(string connectionString) => new()
    {
        Settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = connectionString,
            ["Database:EnsureDatabase"] = "true",
        },
    };

    public async ValueTask InitializeAsync()
    {
        Host = new ServiceHost<Program>(Issuer, Settings);
        Client = new RegistryService.RegistryServiceClient(Host.Channel);
        Charter = new CharterService.CharterServiceClient(Host.Channel);
        await Host.WaitReadyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        Issuer.Dispose();
    }
}
