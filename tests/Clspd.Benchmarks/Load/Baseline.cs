using System.Diagnostics;
using System.Globalization;
using Clspd.Local;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// The local stack of another build (another commit's <c>Clspd.Local.dll</c>, built in Release in its
/// own worktree), started next to this build's, so that one run can alternate between the two.
/// </summary>
public sealed class Baseline : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StackPorts _ports;

    private Baseline(Process process, StackPorts ports, string dataDirectory)
    {
        _process = process;
        _ports = ports;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public Uri GatewayAddress => new($"http://127.0.0.1:{_ports.Gateway}");

    public Uri AccessAddress => new($"http://127.0.0.1:{_ports.Access}");

    /// <summary>
    /// Starts <paramref name="localDll"/> on a new data directory and free ports, with <paramref name="environment"/> added to
    /// what its processes inherit; returns once its gateway reports SERVING.
    /// </summary>
    public static async Task<Baseline> StartAsync(string localDll, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!File.Exists(localDll))
        {
            throw new FileNotFoundException($"--baseline: {localDll} does not exist (build that worktree's deploy/Clspd.Local in Release)", localDll);
        }

        var data = Path.Combine(Path.GetTempPath(), "clspd-h2load", "baseline-" + Guid.NewGuid().ToString("N"));
        var ports = StackPorts.Free();
        var start = new ProcessStartInfo(DotnetHost.Resolve()) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        // h2c on every hop, as this build's stack in H2LoadCommand: the frame calls access as a service (svc:records)
        // with a token alone, which only loopback h2c allows (over TLS the service must also present its certificate).
        foreach (var argument in new[] { localDll, "--data", data, "--insecure-loopback" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, port) in new[] { ("gateway", ports.Gateway), ("registry", ports.Registry), ("consent", ports.Consent), ("records", ports.Records), ("access", ports.Access), ("web", ports.Web), ("signin", ports.SignIn) })
        {
            start.ArgumentList.Add("--port");
            start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"{name}={port}"));
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the baseline stack could not be started");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var stack = new Baseline(process, ports, data);
        using var channel = GrpcChannel.ForAddress(stack.GatewayAddress);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            try
            {
                var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: ct);
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return stack;
                }
            }
            catch (Grpc.Core.RpcException)
            {
                // Not listening yet.
            }

            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await stack.DisposeAsync();
                throw new InvalidOperationException($"the baseline stack ({localDll}) did not report SERVING");
            }

            await Task.Delay(500, ct);
        }
    }

    /// <summary>The gateway's and the services' process ids: the children of the baseline's Clspd.Local, by the dll each runs.</summary>
    public IReadOnlyDictionary<string, int> ProcessIds()
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                if (parent != _process.Id)
                {
                    continue;
                }

                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline"));
                foreach (var name in new[] { "gateway", "registry", "consent", "records", "access" })
                {
                    if (commandLine.Contains("Clspd." + char.ToUpperInvariant(name[0]) + name[1..] + ".dll", StringComparison.Ordinal))
                    {
                        found[name] = pid;
                    }
                }
            }
            catch (IOException)
            {
                // The process ended meanwhile.
            }
        }

        return found;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
