using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Clspd.Deploy.Tests;

/// <summary>
/// deploy/compose: each service gets the settings it reads (from the environment or as a secret file), secrets are
/// files and never values, data lives in named volumes, and everything has a health check.
/// </summary>
public sealed partial class ComposePackagingTests
{
    public static TheoryData<string> Files => new(["commune.yaml", "department.yaml"]);

    private static readonly Dictionary<string, string[]> Deployed = new(StringComparer.Ordinal)
    {
        ["commune.yaml"] = ["sqlserver", "registry", "access", "records", "gateway", "web"],
        ["department.yaml"] = ["sqlserver", "consent", "gateway"],
    };

    // What each service cannot start without, beyond the settings every service needs.
    private static readonly Dictionary<string, string[]> Required = new(StringComparer.Ordinal)
    {
        ["registry"] = [],
        ["consent"] = ["ServiceAuth__SigningKeyFile"],
        ["records"] = ["Services__Registry", "Services__Access", "Services__Consent", "ServiceAuth__SigningKeyFile", "Records__MasterKeyFile"],
        ["access"] = ["Services__Registry", "Services__Consent", "ServiceAuth__SigningKeyFile", "Access__Audit__CheckpointKeyFile"],
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Compose_Services_AreTheOrganisationsPieces(string file)
    {
        var services = Load(file).Mapping("services").Entries().Select(e => e.Key);

        Assert.Equal(Deployed[file].Order(StringComparer.Ordinal), services.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Compose_EachService_HasTheSettingsItReads(string file)
    {
        foreach (var (name, service) in ClspdServices(Load(file)))
        {
            var environment = EnvironmentOf(service);
            if (name == "web")
            {
                // The console validates no token: it signs people in and passes their token to the gateway.
                foreach (var setting in new[] { "Web__Authority", "Web__ClientId", "Web__Gateway", "Web__Tls__CertificateFile", "Web__Tls__KeyFile", "Web__Tls__CaFile" })
                {
                    Assert.True(environment.ContainsKey(setting), $"{file} web: {setting} missing");
                }

                Assert.Equal("https://gateway:8080", environment["Web__Gateway"]);
                continue;
            }

            Assert.True(environment.ContainsKey("Auth__IssuerKeyFile"), $"{file} {name}: Auth__IssuerKeyFile missing");
            if (name == "gateway")
            {
                foreach (var backend in Repository.Services)
                {
                    // Every backend named: the defaults (Clspd.Hosting.DefaultPorts) point at 127.0.0.1, which is nobody here.
                    Assert.True(environment.ContainsKey("Gateway__Backends__" + backend), $"{file} gateway: Gateway__Backends__{backend} missing");
                }

                continue;
            }

            Assert.Equal("SqlServer", environment["Database__Provider"]);
            Assert.Equal("true", environment["Database__EnsureDatabase"]);
            Assert.Equal("/run/secrets", environment["SecretsDirectory"]);
            Assert.Contains("Database__ConnectionString", SecretFilesOf(service).Keys);
            foreach (var setting in Required[name])
            {
                Assert.True(environment.TryGetValue(setting, out var value) && value.Length > 0, $"{file} {name}: {setting} missing or empty");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Compose_PeerAddresses_NameAServiceOfTheFileOnItsPort(string file)
    {
        var compose = Load(file);
        var names = compose.Mapping("services").Entries().Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, service) in ClspdServices(compose))
        {
            foreach (var (key, value) in EnvironmentOf(service))
            {
                if (!(key.StartsWith("Services__", StringComparison.Ordinal) || key.StartsWith("Gateway__Backends__", StringComparison.Ordinal) || key == "Web__Gateway") ||
                    value.Length == 0 || value.StartsWith("${", StringComparison.Ordinal))
                {
                    continue;
                }

                var address = new Uri(value);
                Assert.Contains(address.Host, names);
                Assert.Equal(8080, address.Port);
                Assert.Equal(key[(key.LastIndexOf("__", StringComparison.Ordinal) + 2)..].ToLowerInvariant(), address.Host);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Compose_KeyFiles_AreSecretsTheServiceMounts(string file)
    {
        foreach (var (name, service) in ClspdServices(Load(file)))
        {
            var mounted = SecretFilesOf(service);
            foreach (var (key, value) in EnvironmentOf(service).Where(e => e.Key.EndsWith("File", StringComparison.Ordinal)))
            {
                Assert.StartsWith("/run/secrets/", value, StringComparison.Ordinal);
                Assert.True(mounted.ContainsKey(value["/run/secrets/".Length..]), $"{file} {name}: {key} names {value}, which is not one of its secrets");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Compose_Secrets_AreFilesNeverValues(string file)
    {
        var compose = Load(file);

        foreach (var (name, secret) in compose.Mapping("secrets").Entries())
        {
            Assert.Equal(["file"], secret.Entries().Select(e => e.Key));
            Assert.StartsWith("./secrets/", secret.Scalar("file"), StringComparison.Ordinal);
        }

        // Created by the operator, never committed.
        Assert.Contains("deploy/compose/secrets/", Repository.Read(".gitignore").Split('\n').Select(l => l.Trim()));
        foreach (var (name, service) in compose.Mapping("services").Entries())
        {
            foreach (var (key, value) in EnvironmentOf(service))
            {
                Assert.False(SecretName().IsMatch(key) && value.Length > 0, $"{file} {name}: {key} is given inline; give it as a secret file");
                Assert.False(SecretValue().IsMatch(value), $"{file} {name}: {key} holds a password");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Compose_EveryService_HasAHealthCheck(string file)
    {
        foreach (var (name, service) in Load(file).Mapping("services").Entries())
        {
            var test = service.Child("healthcheck")?.Sequence("test").Select(t => ((YamlScalarNode)t).Value).ToList();
            Assert.True(test is { Count: > 1 }, $"{file} {name}: no healthcheck");
            Assert.Contains(test[0], new[] { "CMD", "CMD-SHELL" });
            if (name != "sqlserver")
            {
                // The image's own probe of its management listener (the same command as the Dockerfile's HEALTHCHECK).
                Assert.Equal(["CMD", "dotnet", $"Clspd.{char.ToUpperInvariant(name[0])}{name[1..]}.dll", "--probe", "http://127.0.0.1:8081/readyz"], test);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Compose_Data_InNamedVolumes(string file)
    {
        var compose = Load(file);
        var declared = compose.Mapping("volumes").Entries().Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, service) in compose.Mapping("services").Entries().Where(s => s.Key != "gateway"))
        {
            var target = name == "sqlserver" ? "/var/opt/mssql" : "/data";
            var volume = service.Sequence("volumes").Select(v => ((YamlScalarNode)v).Value!.Split(':')).SingleOrDefault(v => v[1] == target);
            Assert.True(volume is not null, $"{file} {name}: nothing mounted on {target}");
            Assert.Contains(volume[0], declared);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Compose_Services_ReadOnlyNonRootAndBuiltFromTheirDockerfile(string file)
    {
        foreach (var (name, service) in ClspdServices(Load(file)))
        {
            Assert.Equal("true", service.Scalar("read_only"));
            Assert.Contains("/tmp", service.Sequence("tmpfs").Select(t => ((YamlScalarNode)t).Value));
            Assert.Contains("ALL", service.Sequence("cap_drop").Select(t => ((YamlScalarNode)t).Value));
            var dockerfile = Path.Combine(Repository.PathOf("deploy/compose"), service.Path("build", "context")!, service.Path("build", "dockerfile")!);
            Assert.Equal(Path.Combine(Repository.ProjectDirectory(name), "Dockerfile"), Path.GetFullPath(dockerfile));
            Assert.Contains($"/{name}:", service.Scalar("image"), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Compose_OnlyTheEntryPoints_PublishPorts(string file)
    {
        var compose = Load(file);
        var publishing = compose.Mapping("services").Entries().Where(s => s.Value.Child("ports") is not null).Select(s => s.Key);

        // The department's consent is called by the communes' records and access.
        // The commune's console is where its people sign in.
        Assert.Equal(file == "department.yaml" ? ["consent", "gateway"] : ["gateway", "web"], publishing.Order(StringComparer.Ordinal));
        Assert.Equal("true", compose.Path("networks", "data", "internal"));
        Assert.Equal(["data"], compose.Mapping("services").Mapping("sqlserver").Sequence("networks").Select(n => ((YamlScalarNode)n).Value));
        Assert.StartsWith("mcr.microsoft.com/mssql/server:2022-", compose.Path("services", "sqlserver", "image"), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_Console_OnlyOnTheEdgeNetworkAndStartedOnRequest()
    {
        var web = Load("commune.yaml").Mapping("services").Mapping("web");

        // It calls the gateway and nothing else: never on the services' network or the database's.
        Assert.Equal(["edge"], web.Sequence("networks").Select(n => ((YamlScalarNode)n).Value));
        Assert.Equal(["console"], web.Sequence("profiles").Select(n => ((YamlScalarNode)n).Value));
        Assert.Contains("Web__ClientSecret", SecretFilesOf(web).Keys);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Compose_EverySetting_IsInTheConfigurationReference(string file)
    {
        var reference = Repository.Read("docs/operations.md");
        foreach (var (name, service) in ClspdServices(Load(file)))
        {
            foreach (var key in EnvironmentOf(service).Keys.Concat(SecretFilesOf(service).Keys.Where(k => k.Contains("__", StringComparison.Ordinal))))
            {
                var setting = OperationsDoc.SettingName(key);
                Assert.True(reference.Contains(setting, StringComparison.Ordinal), $"{file} {name}: {setting} is not in docs/operations.md");
            }
        }
    }

    internal static YamlMappingNode Load(string file) => Yaml.Load(Repository.Read("deploy/compose/" + file));

    private static IEnumerable<(string Name, YamlNode Service)> ClspdServices(YamlMappingNode compose) =>
        compose.Mapping("services").Entries().Where(s => s.Key != "sqlserver");

    internal static Dictionary<string, string> EnvironmentOf(YamlNode service) =>
        service.Child("environment").Entries().ToDictionary(e => e.Key, e => ((YamlScalarNode)e.Value).Value ?? string.Empty, StringComparer.Ordinal);

    /// <summary>The secret files a service mounts, by their name in /run/secrets.</summary>
    internal static Dictionary<string, string> SecretFilesOf(YamlNode service) =>
        service.Sequence("secrets").ToDictionary(
            s => s is YamlScalarNode name ? name.Value! : s.Scalar("target") ?? s.Scalar("source")!,
            s => s is YamlScalarNode name ? name.Value! : s.Scalar("source")!,
            StringComparer.Ordinal);

    [GeneratedRegex("(Password|ConnectionString|Token$|Secret$|PrivateKey)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex("(Password|Pwd)\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex SecretValue();
}
