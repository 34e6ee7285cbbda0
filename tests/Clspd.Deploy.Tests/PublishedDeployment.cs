using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Clspd.Local;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Data;
using Clspd.Testing;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Clspd.Deploy.Tests;

/// <summary>
/// The commune of deploy/compose/commune.yaml (registry, access, records, gateway) and the department's consent of
/// department.yaml, each from its <c>dotnet publish</c> output, started with the environment the compose file and its
/// image give it, and nothing else: the same settings, the same secret files (made here: test certificates, a test
/// issuer, keys), with SQLite in place of SQL Server and loopback ports in place of the containers' names. Each is
/// started from a working directory of its own, away from its program. Published once for the test run.
/// </summary>
public sealed partial class PublishedDeployment : IAsyncLifetime
{
    public static readonly IReadOnlyList<(string Name, string File)> Processes =
        [("registry", "commune.yaml"), ("consent", "department.yaml"), ("access", "commune.yaml"), ("records", "commune.yaml"), ("gateway", "commune.yaml")];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "clspd-tests", "packaging-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Dictionary<string, int> _ports = [];
    private readonly Dictionary<string, int> _managementPorts = [];
    private readonly List<PublishedProcess> _processes = [];
    private readonly Dictionary<string, (string CertificateFile, string KeyFile)> _issued = [];

    /// <summary>The web console of commune.yaml (profile <c>console</c>), started once the others serve.</summary>
    public const string Console = "web";

    public TestIssuer Issuer { get; } = new();

    public TestCertificates Certificates { get; } = new("Clspd packaging CA");

    public IReadOnlyList<PublishedProcess> Started => _processes;

    public Uri Address(string name) => new($"https://127.0.0.1:{_ports[name]}");

    public Uri ManagementAddress(string name) => new($"http://127.0.0.1:{_managementPorts[name]}");

    /// <summary>The gateway's JSON listener (the image's Gateway__JsonListen, on loopback and a free port).</summary>
    public Uri JsonAddress { get; } = new($"https://127.0.0.1:{FreePort()}");

    public async ValueTask InitializeAsync()
    {
        foreach (var name in Processes.Select(p => p.Name).Append(Console))
        {
            _ports[name] = FreePort();
            _managementPorts[name] = FreePort();
        }

        foreach (var name in Processes.Select(p => p.Name).Append(Console))
        {
            await PublishAsync(name);
        }

        foreach (var (name, file) in Processes)
        {
            var environment = EnvironmentOf(name, file);
            var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "cwd", name)).FullName;
            _processes.Add(new PublishedProcess(name, Path.Combine(_root, "publish", name, Repository.ProjectName(name) + ".dll"), elsewhere, environment));
        }

        foreach (var (name, _) in Processes)
        {
            await WaitServingAsync(name);
        }

        // The console, as `--profile console` starts it: its issuer is not needed until someone signs in.
        var console = Directory.CreateDirectory(Path.Combine(_root, "cwd", Console)).FullName;
        _processes.Add(new PublishedProcess(Console, Path.Combine(_root, "publish", Console, Repository.ProjectName(Console) + ".dll"), console,
            EnvironmentOf(Console, "commune.yaml")));
        await WaitConsoleReadyAsync();
    }

    /// <summary>The console's data directory (the image's /data volume).</summary>
    public string ConsoleDataDirectory => Path.Combine(_root, "data", Console);

    /// <summary>A browser's client for the console: TLS, its certificate checked against the deployment's CA.</summary>
    public HttpClient ConsoleClient() => new(PartnerHandler()) { BaseAddress = Address(Console) };

    /// <summary>
    /// Runs <paramref name="name"/>'s published program with <c>--migrate</c>, with its compose environment, a data
    /// directory of its own and <paramref name="settings"/> on top, as the Kubernetes init container does.
    /// </summary>
    public PublishedProcess Migrate(string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = EnvironmentOf(name, Processes.Single(p => p.Name == name).File);
        environment["Database__DataDirectory"] = Directory.CreateDirectory(Path.Combine(_root, "migrated", name + "-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "cwd", "migrate-" + name)).FullName;
        return new PublishedProcess(name, Path.Combine(_root, "publish", name, Repository.ProjectName(name) + ".dll"), elsewhere, environment, MigrateCommand.Option);
    }

    /// <summary>A channel to <paramref name="name"/> over mutual TLS, with a client certificate of the deployment's CA.</summary>
    public GrpcChannel Channel(string name)
    {
        var (certificate, key) = Issued("packaging-test");
        var handler = new SocketsHttpHandler { SslOptions = TlsFiles.ClientOptions(new TlsOptions { CertificateFile = certificate, KeyFile = key, CaFile = Certificates.CaFile }) };
        return GrpcChannel.ForAddress(Address(name), new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    /// <summary>A channel to the gateway as a partner has it: TLS, the server's certificate checked, no client certificate.</summary>
    public GrpcChannel PartnerChannel() =>
        GrpcChannel.ForAddress(Address("gateway"), new GrpcChannelOptions { HttpHandler = PartnerHandler(), DisposeHttpClient = true });

    /// <summary>A partner's plain HTTP client for the gateway's JSON listener, trusting the deployment's CA.</summary>
    public HttpClient PartnerJsonClient() => new(PartnerHandler()) { BaseAddress = JsonAddress };

    private SocketsHttpHandler PartnerHandler()
    {
        var authorities = TlsFiles.Authorities(new TlsOptions { CaFile = Certificates.CaFile });
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            certificate is System.Security.Cryptography.X509Certificates.X509Certificate2 server
            && (errors & ~System.Net.Security.SslPolicyErrors.RemoteCertificateChainErrors) == System.Net.Security.SslPolicyErrors.None
            && TlsFiles.ChainsTo(server, authorities);
        return handler;
    }

    public ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        Certificates.Dispose();
        Issuer.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp directory.
        }

        return ValueTask.CompletedTask;
    }

    // The publish output of the build the tests run against (same configuration; ReadyToRun is a start-up optimisation
    // of the images, left out so that the output of this build is published as it is).
    private async Task PublishAsync(string name)
    {
        var project = Path.Combine(Repository.ProjectDirectory(name), Repository.ProjectName(name) + ".csproj");
        var output = Path.Combine(_root, "publish", name);
        var start = new ProcessStartInfo(PublishedProcess.DotnetHost(),
            ["publish", project, "-c", Configuration, "--no-build", "-p:PublishReadyToRun=false", "-o", output, "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish {name} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>The compose service's environment, the image's ENV under it, with the deployment's names made local.</summary>
    private Dictionary<string, string> EnvironmentOf(string name, string file)
    {
        var service = ComposePackagingTests.Load(file).Mapping("services").Mapping(name);
        var environment = new Dictionary<string, string>(DockerfilePackagingTests.EnvironmentOf(DockerfilePackagingTests.Load(name).Final), StringComparer.Ordinal);
        foreach (var (key, value) in ComposePackagingTests.EnvironmentOf(service))
        {
            environment[key] = value;
        }

        var secrets = Directory.CreateDirectory(Path.Combine(_root, "secrets", name)).FullName;
        foreach (var (target, source) in ComposePackagingTests.SecretFilesOf(service))
        {
            if (SecretFile(name, source) is { } path)
            {
                var copy = Path.Combine(secrets, target);
                File.Copy(path, copy, overwrite: true);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
            }
        }

        var local = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, raw) in environment)
        {
            var value = Interpolate(raw);
            value = value.StartsWith("/run/secrets/", StringComparison.Ordinal) ? Path.Combine(secrets, value["/run/secrets/".Length..])
                : value == "/run/secrets" ? secrets
                : value;
            value = Peer().Replace(value, m => Address(m.Groups[1].Value).ToString().TrimEnd('/'));
            local[key] = value;
        }

        if (name == Console)
        {
            local["Web__Listen"] = Address(name).ToString().TrimEnd('/');
            local["Web__ManagementListen"] = ManagementAddress(name).ToString().TrimEnd('/');
            local["Web__DataDirectory"] = Directory.CreateDirectory(Path.Combine(_root, "data", name)).FullName;
            return local;
        }

        // SQLite in place of SQL Server: the service's own file in its data directory (the image's /data volume).
        local["Database__Provider"] = "Sqlite";
        local["Database__DataDirectory"] = Directory.CreateDirectory(Path.Combine(_root, "data", name)).FullName;
        local["Service__Listen"] = Address(name).ToString().TrimEnd('/');
        local["Service__ManagementListen"] = ManagementAddress(name).ToString().TrimEnd('/');
        if (local.ContainsKey("Gateway__JsonListen"))
        {
            local["Gateway__JsonListen"] = JsonAddress.ToString().TrimEnd('/');
        }

        return local;
    }

    // ${NAME:-default} as Docker Compose reads it, with the department's consent address for CLSPD_CONSENT_ADDRESS and
    // an issuer for CLSPD_WEB_AUTHORITY.
    private string Interpolate(string value) => Variable().Replace(value, m => m.Groups[1].Value switch
    {
        "CLSPD_CONSENT_ADDRESS" => Address("consent").ToString().TrimEnd('/'),
        // An issuer nobody asks until a person signs in; the console needs one to start.
        "CLSPD_WEB_AUTHORITY" => "https://sso.commune.example/realms/commune",
        _ => m.Groups[2].Value == "-" ? m.Groups[3].Value : string.Empty,
    });

    // The files the compose file's secrets name, made for the test (connection strings: none, SQLite needs none).
    private string? SecretFile(string name, string source)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_root, "made")).FullName;
        switch (source)
        {
            case "issuer.pub.pem":
                return Issuer.PublicKeyFile;
            case "issuer.pem":
                return Issuer.PrivateKeyFile;
            case "ca.crt":
                return Certificates.CaFile;
            case "records-master.key":
                var master = Path.Combine(directory, "records-master.key");
                File.WriteAllText(master, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
                return master;
            case "audit-checkpoint.pem":
                using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    var checkpoint = Path.Combine(directory, "audit-checkpoint.pem");
                    File.WriteAllText(checkpoint, key.ExportPkcs8PrivateKeyPem());
                    return checkpoint;
                }

            case var tls when tls == name + "_tls_crt":
                return Issued(name).CertificateFile;
            case var tls when tls == name + "_tls_key":
                return Issued(name).KeyFile;
            default:
                return null;
        }
    }

    // One certificate per process (CN = its name), issued once.
    private (string CertificateFile, string KeyFile) Issued(string name)
    {
        lock (_issued)
        {
            if (!_issued.TryGetValue(name, out var files))
            {
                files = Certificates.Issue(name);
                _issued[name] = files;
            }

            return files;
        }
    }

    private async Task WaitServingAsync(string name)
    {
        var process = _processes.Single(p => p.Name == name);
        using var channel = Channel(name);
        var health = new Grpc.Health.V1.Health.HealthClient(channel);
        var giveUpAt = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        string last = "no answer";
        while (DateTime.UtcNow < giveUpAt && !process.Exited)
        {
            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }

                last = reply.Status.ToString();
            }
            catch (Grpc.Core.RpcException e)
            {
                last = $"{e.StatusCode}: {e.Status.Detail}";
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"{name} did not reach SERVING ({(process.Exited ? "exited" : "last: " + last)}); its output:\n{process.Tail()}"));
    }

    // Ready once it reaches the gateway (over TLS, the gateway's certificate checked against ca.crt).
    private async Task WaitConsoleReadyAsync()
    {
        var process = _processes.Single(p => p.Name == Console);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var giveUpAt = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        var last = "no answer";
        while (DateTime.UtcNow < giveUpAt && !process.Exited)
        {
            try
            {
                using var ready = await client.GetAsync(new Uri(ManagementAddress(Console), "/readyz"));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = ready.StatusCode.ToString();
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"the console did not become ready ({(process.Exited ? "exited" : "last: " + last)}); its output:\n{process.Tail()}");
    }

    // Bound only after the publish, minutes later: drawn where no outgoing connection takes it meanwhile, and claimed.
    private static int FreePort() => StackPorts.FreeLoopback(1)[0];

    [GeneratedRegex(@"\$\{([A-Z_]+)(?::?([-?])([^}]*))?\}")]
    private static partial Regex Variable();

    [GeneratedRegex("https://(registry|consent|records|access|gateway):8080")]
    private static partial Regex Peer();
}
