using System.Collections.Concurrent;
using System.Text.Json;
using Clspd.Local;
using Clspd.ServiceDefaults.Auth;

[assembly: AssemblyFixture(typeof(Clspd.Cli.Tests.StackFixture))]

namespace Clspd.Cli.Tests;

/// <summary>
/// One local stack for the whole test assembly (free ports, temporary data directory), seeded once
/// with the demo commune through <c>clspd demo --seed-only --json</c>; tests run clspd in-process against it.
/// </summary>
public sealed class StackFixture : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("clspd-cli-tests-").FullName;
    private LocalStack? _stack;
    private LocalIssuer? _issuer;

    public ConcurrentQueue<string> StackOutput { get; } = new();

    public string DataDirectory => Path.Combine(_root, "data");

    public string Gateway => _stack!.EndpointOf("gateway");

    /// <summary>The seeded commune (<c>demo --seed-only --json</c> output).</summary>
    public JsonElement Seed { get; private set; }

    public async ValueTask InitializeAsync()
    {
        _stack = new LocalStack(new LocalStackOptions
        {
            DataDirectory = DataDirectory, Ports = StackPorts.Free(), Output = StackOutput.Enqueue, StartTimeout = TimeSpan.FromSeconds(120),
            // Slow is not unreachable: on a loaded machine a peer may take seconds to answer.
            Settings = new Dictionary<string, string> { ["Peers:CallTimeoutMilliseconds"] = "60000" },
        });
        await _stack.StartAsync();
        _issuer = LocalIssuer.Load(Path.Combine(DataDirectory, LocalIssuer.PrivateKeyFileName));
        var seeded = await RunAsync(null, "demo", "--seed-only", "--tag", "fx", "--json");
        if (seeded.Code != 0)
        {
            throw new InvalidOperationException("seeding failed: " + seeded);
        }

        Seed = seeded.Json;
    }

    public string Token(string subject) => _issuer!.Mint(subject, TimeSpan.FromHours(1));

    /// <summary>A fresh CLSPD_HOME, so that login tests do not share a token file.</summary>
    public string NewHome() => Directory.CreateDirectory(Path.Combine(_root, "home-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>Runs clspd in-process as <paramref name="subject"/> (a token minted for it), or with the environment's identity when null.</summary>
    public async Task<CliResult> RunAsync(string? subject, params string[] args) => await RunInAsync(null, subject, args);

    public async Task<CliResult> RunInAsync(string? home, string? subject, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new Dictionary<string, string>
        {
            ["CLSPD_GATEWAY"] = Gateway, ["CLSPD_DATA"] = DataDirectory, ["CLSPD_HOME"] = home ?? Path.Combine(_root, "home"),
        };
        string[] all = subject is null ? args : [.. args, "--token", Token(subject)];
        var code = await ClspdCli.InvokeAsync(all, output, error, environment);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    /// <summary>The subject of a seeded participant, by institution key (ville, cd91, relais, police...).</summary>
    public string Subject(string key) => Participant(key).GetProperty("subject").GetString()!;

    public JsonElement Participant(string key) => Seed.GetProperty("participants").EnumerateArray().Single(p => p.GetProperty("key").GetString() == key);

    public JsonElement Person(string name) => Seed.GetProperty("persons").EnumerateArray().Single(p => p.GetProperty("name").GetString()!.Contains(name, StringComparison.Ordinal));

    public string Group(string key) => Seed.GetProperty("groups").GetProperty(key).GetString()!;

    public string Council => Seed.GetProperty("councilId").GetString()!;

    public string Notice => Seed.GetProperty("noticeId").GetString()!;

    public async ValueTask DisposeAsync()
    {
        _issuer?.Dispose();
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A child may still hold a file for a moment; the temp folder is cleaned by the system.
        }
    }
}
