using System.Diagnostics;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Clspd.Deploy.Tests;

/// <summary>
/// deploy/k8s rendered as `kubectl kustomize` renders it (offline), base and overlays: probes, limits and a locked-down
/// security context on every Deployment, a default-deny policy and one policy per service, a disruption budget per
/// Deployment, and no secret value anywhere.
/// </summary>
public sealed partial class KubernetesManifestTests
{
    public static TheoryData<string> Targets => new(["deploy/k8s", "deploy/k8s/overlays/commune", "deploy/k8s/overlays/department"]);

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Kubernetes_Deployments_ReadinessOnReadyzAndLivenessOnHealthz(string target)
    {
        foreach (var deployment in Of(await RenderAsync(target), "Deployment"))
        {
            var container = SingleContainer(deployment);
            var ports = container.Sequence("ports").ToDictionary(p => p.Scalar("name")!, p => p.Scalar("containerPort"), StringComparer.Ordinal);
            // The console serves people's browsers (https); the services and the gateway gRPC.
            Assert.Equal(("8080", "8081"), (ports[Name(deployment) == "web" ? "https" : "grpc"], ports["management"]));
            Assert.Equal(("/readyz", "management"), (container.Path("readinessProbe", "httpGet", "path"), container.Path("readinessProbe", "httpGet", "port")));
            Assert.Equal(("/healthz", "management"), (container.Path("livenessProbe", "httpGet", "path"), container.Path("livenessProbe", "httpGet", "port")));
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Kubernetes_ServiceDeployments_MigrateInAnInitContainerWithTheServicesOwnSettings(string target)
    {
        foreach (var deployment in Of(await RenderAsync(target), "Deployment"))
        {
            var pod = deployment.Mapping("spec").Mapping("template").Mapping("spec");
            var main = SingleContainer(deployment);
            var inits = pod.Child("initContainers") is null ? [] : pod.Sequence("initContainers").ToList();
            if (Name(deployment) is "gateway" or "web")
            {
                Assert.Empty(inits);
                continue;
            }

            var init = Assert.Single(inits);
            Assert.Equal(("migrate", main.Scalar("image")), (init.Scalar("name"), init.Scalar("image")));
            Assert.Equal(["--migrate"], init.Sequence("args").Select(a => ((YamlScalarNode)a).Value));
            static string[] Names(YamlNode container, string list) =>
                [.. container.Sequence(list).Select(e => e.Scalar("name") ?? e.Path("configMapRef", "name") ?? e.Path("secretRef", "name") ?? "")];
            Assert.Equal(Names(main, "envFrom"), Names(init, "envFrom"));
            Assert.Equal(Names(main, "volumeMounts"), Names(init, "volumeMounts"));
            // Its own settings: every variable it has is the service's, and none the database needs is missing.
            var mainEnv = main.Sequence("env").Select(e => e.Scalar("name")).ToHashSet(StringComparer.Ordinal);
            var initEnv = init.Sequence("env").Select(e => e.Scalar("name")).ToHashSet(StringComparer.Ordinal);
            Assert.Subset(mainEnv, initEnv);
            Assert.Subset(initEnv, mainEnv.Where(n => n is "SecretsDirectory" || n!.StartsWith("Database__", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal));
            Assert.Equal("true", init.Path("securityContext", "readOnlyRootFilesystem"));
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Kubernetes_Gateway_JsonPortInThePodTheServiceAndItsIngressPolicy(string target)
    {
        var documents = await RenderAsync(target);
        var gateway = Of(documents, "Deployment").Single(d => d.Path("metadata", "name") == "gateway");
        var ports = SingleContainer(gateway).Sequence("ports").ToDictionary(p => p.Scalar("name")!, p => p.Scalar("containerPort"), StringComparer.Ordinal);
        var service = Of(documents, "Service").Single(d => d.Path("metadata", "name") == "gateway");
        var policy = Of(documents, "NetworkPolicy").Single(d => d.Path("metadata", "name") == "gateway");

        Assert.Equal("8443", ports["json"]);
        Assert.Contains(service.Mapping("spec").Sequence("ports"), p => p.Scalar("name") == "json" && p.Scalar("targetPort") == "json");
        Assert.Contains(policy.Mapping("spec").Sequence("ingress").SelectMany(r => r.Sequence("ports")), p => p.Scalar("port") == "8443");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Kubernetes_Deployments_LimitedAndLockedDown(string target)
    {
        foreach (var deployment in Of(await RenderAsync(target), "Deployment"))
        {
            var pod = deployment.Mapping("spec").Mapping("template").Mapping("spec");
            var container = SingleContainer(deployment);
            Assert.Equal("true", pod.Path("securityContext", "runAsNonRoot"));
            Assert.Equal("1654", pod.Path("securityContext", "runAsUser"));
            Assert.Equal("false", pod.Scalar("automountServiceAccountToken"));
            Assert.Equal("true", container.Path("securityContext", "readOnlyRootFilesystem"));
            Assert.Equal("false", container.Path("securityContext", "allowPrivilegeEscalation"));
            Assert.Equal(["ALL"], container.Child("securityContext")!.Child("capabilities")!.Sequence("drop").Select(c => ((YamlScalarNode)c).Value));
            foreach (var resource in new[] { "cpu", "memory" })
            {
                Assert.NotNull(container.Path("resources", "requests", resource));
                Assert.NotNull(container.Path("resources", "limits", resource));
            }

            // The read-only root leaves /tmp to an emptyDir.
            Assert.Contains(container.Sequence("volumeMounts"), m => m.Scalar("mountPath") == "/tmp");
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Kubernetes_NetworkPolicies_DefaultDenyAndOnePerService(string target)
    {
        var documents = await RenderAsync(target);
        var policies = Of(documents, "NetworkPolicy").ToList();

        var defaultDeny = Assert.Single(policies, p => Name(p) == "default-deny");
        Assert.Empty(defaultDeny.Mapping("spec").Mapping("podSelector").Children);
        Assert.Equal(["Ingress", "Egress"], defaultDeny.Mapping("spec").Sequence("policyTypes").Select(t => ((YamlScalarNode)t).Value));
        Assert.Null(defaultDeny.Mapping("spec").Child("ingress"));
        Assert.Null(defaultDeny.Mapping("spec").Child("egress"));

        foreach (var deployment in Of(documents, "Deployment"))
        {
            var name = Name(deployment);
            var policy = Assert.Single(policies, p => p.Path("spec", "podSelector", "matchLabels", "app.kubernetes.io/name") == name);
            var ingress = Assert.Single(policy.Mapping("spec").Sequence("ingress"));
            if (name is "gateway" or "web")
            {
                // The entry points, the partners' and people's: anyone may reach them.
                Assert.Null(ingress.Child("from"));
            }
            else
            {
                // Only named peers: pods of this namespace or, for the department's consent, the communes' networks.
                Assert.NotEmpty(ingress.Sequence("from"));
                Assert.All(ingress.Sequence("from"), from => Assert.True(from.Child("podSelector") is not null || from.Child("ipBlock") is not null));
                Assert.Contains(policy.Mapping("spec").Sequence("egress"), rule =>
                    rule.Sequence("ports").Any(p => p.Scalar("port") == "1433"));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Kubernetes_EveryDeployment_HasADisruptionBudget(string target)
    {
        var documents = await RenderAsync(target);
        var budgets = Of(documents, "PodDisruptionBudget").ToList();

        foreach (var deployment in Of(documents, "Deployment"))
        {
            Assert.Single(budgets, b => b.Path("spec", "selector", "matchLabels", "app.kubernetes.io/name") == Name(deployment));
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Kubernetes_Secrets_NeverInline(string target)
    {
        var documents = await RenderAsync(target);

        Assert.DoesNotContain(Of(documents, "Secret"), s => s.Child("data") is not null || s.Child("stringData") is not null);
        foreach (var deployment in Of(documents, "Deployment"))
        {
            foreach (var variable in SingleContainer(deployment).Sequence("env"))
            {
                var (name, value) = (variable.Scalar("name")!, variable.Scalar("value") ?? string.Empty);
                Assert.False(SecretName().IsMatch(name) && value.Length > 0, $"{Name(deployment)}: {name} is given inline");
                Assert.DoesNotMatch(SecretValue(), value);
            }
        }

        foreach (var map in Of(documents, "ConfigMap"))
        {
            foreach (var (key, value) in map.Child("data").Entries())
            {
                Assert.False(SecretName().IsMatch(key), $"ConfigMap {Name(map)}: {key} belongs in a Secret");
                Assert.DoesNotMatch(SecretValue(), ((YamlScalarNode)value).Value ?? string.Empty);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Kubernetes_MountedSecrets_AreTheOnesTheGuideCreates(string target)
    {
        var guide = Repository.Read("docs/operations.md");

        foreach (var deployment in Of(await RenderAsync(target), "Deployment"))
        {
            foreach (var volume in deployment.Mapping("spec").Mapping("template").Mapping("spec").Sequence("volumes"))
            {
                if (volume.Path("secret", "secretName") is { } secret)
                {
                    Assert.Contains($"create secret generic {secret} --from-file=", guide, StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Kubernetes_Overlays_KeepWhatEachOrganisationRuns()
    {
        var commune = await RenderAsync("deploy/k8s/overlays/commune");
        var department = await RenderAsync("deploy/k8s/overlays/department");

        Assert.Equal(["access", "gateway", "records", "registry", "web"], Of(commune, "Deployment").Select(Name).Order(StringComparer.Ordinal));
        Assert.Equal(["consent", "gateway"], Of(department, "Deployment").Select(Name).Order(StringComparer.Ordinal));
        Assert.All(commune.Concat(department), d => Assert.StartsWith("clspd-", d.Path("metadata", "namespace") ?? "clspd-", StringComparison.Ordinal));
        // From outside: the gateway, the commune's console, and the department's consent for the communes' records and access.
        Assert.Equal(["gateway", "web"], Of(commune, "Service").Where(s => s.Path("spec", "type") == "LoadBalancer").Select(Name).Order(StringComparer.Ordinal));
        Assert.Equal(["consent", "gateway"], Of(department, "Service").Where(s => s.Path("spec", "type") == "LoadBalancer").Select(Name).Order(StringComparer.Ordinal));
        // The commune's gateway does not route consent, which the department runs.
        var gateway = SingleContainer(Of(commune, "Deployment").Single(d => Name(d) == "gateway"));
        Assert.Contains(gateway.Sequence("env"), e => e.Scalar("name") == "Gateway__Backends__consent" && string.IsNullOrEmpty(e.Scalar("value")));
    }

    [Fact]
    public async Task Kubernetes_Console_ReachesOnlyTheGatewaysAndTheIssuerAndKeepsItsSessionsOnAVolume()
    {
        var commune = await RenderAsync("deploy/k8s/overlays/commune");
        var web = Of(commune, "Deployment").Single(d => Name(d) == "web");
        var policy = Of(commune, "NetworkPolicy").Single(p => Name(p) == "web");
        var pod = web.Mapping("spec").Mapping("template").Mapping("spec");

        var egress = policy.Mapping("spec").Sequence("egress").ToList();
        Assert.Equal(2, egress.Count);
        Assert.Equal("gateway", egress[0].Sequence("to").Single().Path("podSelector", "matchLabels", "app.kubernetes.io/name"));
        Assert.Equal(["8080"], egress[0].Sequence("ports").Select(p => p.Scalar("port")));
        Assert.NotNull(egress[1].Sequence("to").Single().Child("ipBlock"));
        Assert.Equal(["443", "5080"], egress[1].Sequence("ports").Select(p => p.Scalar("port")));
        // The keys and sessions outlive the pod; one pod at a time mounts them.
        Assert.Equal(("1", "Recreate"), (web.Path("spec", "replicas"), web.Path("spec", "strategy", "type")));
        Assert.Contains(SingleContainer(web).Sequence("volumeMounts"), m => m.Scalar("mountPath") == "/data" && m.Scalar("name") == "data");
        Assert.Contains(pod.Sequence("volumes"), v => v.Scalar("name") == "data" && v.Path("persistentVolumeClaim", "claimName") == "web-data");
        Assert.Single(Of(commune, "PersistentVolumeClaim"), c => Name(c) == "web-data");
        // The department runs no console.
        Assert.DoesNotContain(Of(await RenderAsync("deploy/k8s/overlays/department"), "Deployment"), d => Name(d) == "web");
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task Kubernetes_EverySetting_IsInTheConfigurationReference(string target)
    {
        var reference = Repository.Read("docs/operations.md");
        var documents = await RenderAsync(target);
        var keys = Of(documents, "Deployment").SelectMany(d => SingleContainer(d).Sequence("env").Select(e => e.Scalar("name")!))
            .Concat(Of(documents, "ConfigMap").SelectMany(m => m.Child("data").Entries().Select(e => e.Key)));

        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            Assert.True(reference.Contains(OperationsDoc.SettingName(key), StringComparison.Ordinal), $"{OperationsDoc.SettingName(key)} is not in docs/operations.md");
        }
    }

    private static async Task<IReadOnlyList<YamlMappingNode>> RenderAsync(string target)
    {
        var kubectl = Kubectl();
        Assert.SkipWhen(kubectl is null, "kubectl is not installed: the manifests cannot be rendered here");
        var start = new ProcessStartInfo(kubectl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(Repository.PathOf(target));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {target} exited with {process.ExitCode}: {await error}");
        var documents = Yaml.LoadAll(await output);
        Assert.NotEmpty(documents);
        return documents;
    }

    private static string? Kubectl() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "kubectl"))
            .FirstOrDefault(File.Exists);

    private static IEnumerable<YamlMappingNode> Of(IEnumerable<YamlMappingNode> documents, string kind) =>
        documents.Where(d => d.Scalar("kind") == kind);

    private static string Name(YamlNode resource) => resource.Path("metadata", "name")!;

    private static YamlNode SingleContainer(YamlNode deployment) =>
        Assert.Single(deployment.Mapping("spec").Mapping("template").Mapping("spec").Sequence("containers"));

    [GeneratedRegex("(Password|ConnectionString|Token$|Secret$|PrivateKey)", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex("(Password|Pwd)\\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex SecretValue();
}
