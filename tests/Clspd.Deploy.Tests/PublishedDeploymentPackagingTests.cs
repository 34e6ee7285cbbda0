using System.Net;
using Clspd.Registry.V1;
using Clspd.Testing;
using Grpc.Health.V1;

namespace Clspd.Deploy.Tests;

/// <summary>
/// Point 4 of the packaging: without Docker, the <c>dotnet publish</c> output of every service and the gateway, started
/// with exactly the environment of the compose files (SQLite for SQL Server, loopback for the containers' names), with
/// mutual TLS from test certificates: every process serves, and a partner's call through the gateway is answered.
/// </summary>
[Collection(PublishedDeploymentGroup.Name)]
public sealed class PublishedDeploymentPackagingTests(PublishedDeployment stack)
{
    [Fact]
    public async Task Packaging_PublishedWithTheComposeEnvironment_EveryProcessServingOverMutualTls()
    {
        foreach (var (name, _) in PublishedDeployment.Processes)
        {
            using var channel = stack.Channel(name);
            var reply = await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(),
                cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal((name, HealthCheckResponse.Types.ServingStatus.Serving), (name, reply.Status));
        }
    }

    [Fact]
    public async Task Packaging_ManagementListener_HealthzAndReadyzOverHttp11()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var (name, _) in PublishedDeployment.Processes)
        {
            // Ready includes the peers (over mutual TLS): records asks registry, access and consent.
            var ready = await WaitReadyAsync(client, name);
            using var live = await client.GetAsync(new Uri(stack.ManagementAddress(name), "/healthz"), TestContext.Current.CancellationToken);
            Assert.Equal((name, HttpStatusCode.OK, HttpStatusCode.OK), (name, live.StatusCode, ready));
        }
    }

    [Fact]
    public async Task Packaging_PartnerCallThroughTheGateway_Answered()
    {
        using var channel = stack.PartnerChannel();
        var registry = new RegistryService.RegistryServiceClient(channel);
        var admin = stack.Issuer.As("admin");

        var created = await registry.CreateCouncilAsync(new CreateCouncilRequest
        {
            RequestId = Guid.NewGuid().ToString("N"), Name = "CLSPD de Villeneuve", Kind = CouncilKind.Clspd, CommuneInseeCodes = { "94079" },
            ControllerName = "Le maire", CoordinatorName = "Coordinatrice Dupont",
        }, admin);
        var read = await registry.GetCouncilAsync(new GetCouncilRequest { CouncilId = created.Council.Id }, admin);

        Assert.Equal("CLSPD de Villeneuve", read.Council.Name);
    }

    [Fact]
    public async Task Packaging_JsonThroughTheGatewaysJsonListener_AnsweredOverHttp11()
    {
        // The image's Gateway__JsonListen: a partner without gRPC, HTTP/1.1 over TLS, the same token.
        using var json = stack.PartnerJsonClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/registry/subjects/admin/designations")
        {
            Version = System.Net.HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", stack.Issuer.Token("admin"));
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, request.RequestUri)
        {
            Version = System.Net.HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var answered = await json.SendAsync(request, TestContext.Current.CancellationToken);
        using var refused = await json.SendAsync(anonymous, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpVersion.Version11, answered.Version);
        Assert.Equal(System.Net.HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("GW-1", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Packaging_MigrateFlag_MigratesOnceAndExitsZeroThenFindsNothingToDo()
    {
        // The Kubernetes init container: the published program with --migrate, the service's own settings.
        var ct = TestContext.Current.CancellationToken;
        var directory = Path.Combine(Path.GetTempPath(), "clspd-tests", "migrate-" + Guid.NewGuid().ToString("N")[..8]);
        var settings = new Dictionary<string, string> { ["Database__DataDirectory"] = directory };

        using var first = stack.Migrate("registry", settings);
        var firstExit = await first.ExitCodeAsync(ct);
        using var second = stack.Migrate("registry", settings);
        var secondExit = await second.ExitCodeAsync(ct);

        Assert.True(firstExit == 0, first.Tail());
        Assert.Contains(first.Output, line => line.Contains("registry: applied", StringComparison.Ordinal) && line.Contains("0100_registry.sql", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(directory, "registry.db")));
        Assert.True(secondExit == 0, second.Tail());
        Assert.DoesNotContain(second.Output, line => line.Contains("applied", StringComparison.Ordinal));
        Assert.Contains(second.Output, line => line.Contains("registry: database up to date on Sqlite", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Packaging_MigrateFlag_DatabaseItCannotUse_ExitsOneWithTheReason()
    {
        // A database server nobody listens for: the init container fails with the reason, the pod stays in Init.
        var ct = TestContext.Current.CancellationToken;
        using var migrate = stack.Migrate("access", new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres", ["Database__ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none",
        });

        Assert.Equal(1, await migrate.ExitCodeAsync(ct));
        Assert.Contains(migrate.Output, line => line.StartsWith("--migrate: ", StringComparison.Ordinal) && line.Contains("127.0.0.1:1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Packaging_StartedFromAnotherDirectory_ItsAppsettingsRead()
    {
        // A call, so that each process on the way logs what its appsettings.json allows.
        using var channel = stack.PartnerChannel();
        await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);

        foreach (var process in stack.Started)
        {
            // JSON lines (Logging__Console__FormatterName of the compose file), information logged (a service's own:
            // its database ready; the gateway's and the console's: the host started)...
            var information = process.Name is "gateway" or PublishedDeployment.Console ? "\"Category\":\"Microsoft.Hosting.Lifetime\"" : "\"Category\":\"Clspd.";
            Assert.Contains(process.Output, line => line.StartsWith('{') && line.Contains(information, StringComparison.Ordinal));
            // ...but not ASP.NET Core's per-request information, which only the program's appsettings.json silences
            // (started elsewhere with the working directory as content root, it was logged for every call).
            Assert.DoesNotContain(process.Output, line => line.Contains("\"Category\":\"Microsoft.AspNetCore.Hosting.Diagnostics\"", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Packaging_Console_PublishedWithTheComposeEnvironment_ReadyBehindTheGatewayOverHttps()
    {
        // Ready means the console reached the gateway over TLS, with its certificate checked against ca.crt.
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var ready = await WaitReadyAsync(client, PublishedDeployment.Console);
        using var live = await client.GetAsync(new Uri(stack.ManagementAddress(PublishedDeployment.Console), "/healthz"), TestContext.Current.CancellationToken);
        // People's browsers: HTTPS with the console's certificate (web_tls_crt), the security headers on every answer.
        using var browser = stack.ConsoleClient();
        using var page = await browser.GetAsync("/Erreur", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (ready, live.StatusCode));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("frame-ancestors 'none'", string.Join(' ', page.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        // Its data-protection keys go to the image's /data volume (Web__DataDirectory), readable by its user only.
        var keys = Path.Combine(stack.ConsoleDataDirectory, "keys");
        Assert.True(Directory.Exists(keys), "no keys directory in the console's data directory");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        }
    }

    private async Task<HttpStatusCode> WaitReadyAsync(HttpClient client, string name)
    {
        var giveUpAt = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        var status = HttpStatusCode.ServiceUnavailable;
        while (DateTime.UtcNow < giveUpAt)
        {
            using var response = await client.GetAsync(new Uri(stack.ManagementAddress(name), "/readyz"), TestContext.Current.CancellationToken);
            status = response.StatusCode;
            if (status == HttpStatusCode.OK)
            {
                break;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        return status;
    }
}
