using System.Collections.Concurrent;
using System.Net;
using Clspd.Local;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Grpc.Core;
using Grpc.Net.Client;

namespace Clspd.Federation.Tests;

/// <summary>
/// One organisation of the federation: its pieces started by <see cref="LocalStack"/> as child
/// processes on its own loopback address, with its own data directory, its own issuer (issuer name =
/// organisation, key in the data directory) and its own development CA naming it (subject O).
/// Its services trust its own issuer (which names their service identities) and whatever
/// <see cref="StartAsync"/> adds; its pieces trust its CA and the CAs it is given.
/// </summary>
public sealed class FederationOrganisation : IAsyncDisposable
{
    private readonly List<GrpcChannel> _channels = [];
    private readonly LocalIssuer _issuer;
    private LocalStack? _stack;

    public FederationOrganisation(string name, IPAddress address, string root, IReadOnlyCollection<string> services, ConcurrentQueue<string> output)
    {
        Name = name;
        Address = address;
        Services = services;
        Output = output;
        DataDirectory = Path.Combine(root, name);
        Ports = StackPorts.Free();
        _issuer = LocalIssuer.EnsureCreated(DataDirectory, issuer: name);
        // The CA exists before anyone starts, so that the other organisations can be told to trust it.
        Plan([], new Dictionary<string, string>(), services).PrepareCertificates();
    }

    public string Name { get; }

    public IPAddress Address { get; }

    public IReadOnlyCollection<string> Services { get; }

    public string DataDirectory { get; }

    public StackPorts Ports { get; }

    public ConcurrentQueue<string> Output { get; }

    public LocalStack Stack => _stack ?? throw new InvalidOperationException($"{Name} is not started");

    /// <summary>Its development CA (PEM), which the organisations that talk to it trust.</summary>
    public string CaFile => Path.Combine(DataDirectory, DevelopmentCertificates.DirectoryName, "ca.pem");

    public string IssuerPublicKeyFile => Path.Combine(DataDirectory, LocalIssuer.PublicKeyFileName);

    /// <summary>The address of one of its services, as its peers in other organisations are configured with it.</summary>
    public string EndpointOf(string service) => $"https://{Address}:{Ports.Of(service)}";

    public Uri GatewayAddress => new($"http://{Address}:{Ports.Gateway}");

    /// <summary>The settings by which another organisation trusts this one's issuer, optionally bound to councils.</summary>
    public IEnumerable<KeyValuePair<string, string>> IssuerTrust(params string[] councils)
    {
        yield return new($"Auth:Issuers:{Name}:Issuer", Name);
        yield return new($"Auth:Issuers:{Name}:KeyFile", IssuerPublicKeyFile);
        yield return new($"Auth:Issuers:{Name}:Organisation", Name);
        yield return new($"Auth:Issuers:{Name}:IssuesServiceIdentities", "true");
        for (var i = 0; i < councils.Length; i++)
        {
            yield return new($"Auth:Issuers:{Name}:Councils:{i}", councils[i]);
        }
    }

    /// <summary>
    /// Starts its pieces (or only <paramref name="only"/> of them, and its gateway), trusting the CAs of
    /// <paramref name="trusted"/> and with <paramref name="settings"/> added.
    /// </summary>
    public async Task StartAsync(IEnumerable<FederationOrganisation> trusted, IEnumerable<KeyValuePair<string, string>> settings, CancellationToken ct,
        IReadOnlyCollection<string>? only = null)
    {
        if (_stack is not null)
        {
            throw new InvalidOperationException($"{Name} is already running");
        }

        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            // Slow is not unreachable: three organisations share the machine's processors.
            ["Peers:CallTimeoutMilliseconds"] = "60000",
            // The service identity tokens its services mint name its issuer.
            ["Auth:Issuer"] = Name,
            // Its own issuer, and no other organisation's, makes its bootstrap administrators.
            [$"Auth:Issuers:{Name}:IssuesAdministrators"] = "true",
        };
        foreach (var (key, value) in IssuerTrust().Concat(settings))
        {
            all[key] = value;
        }

        _stack = Plan([.. trusted.Select(o => o.CaFile)], all, only ?? Services);
        await _stack.StartAsync(ct);
        _channels.Add(Gateway = GrpcChannel.ForAddress(GatewayAddress));
    }

    /// <summary>Stops its pieces; its data stays for the next <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        _channels.ForEach(c => c.Dispose());
        _channels.Clear();
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
            _stack = null;
        }
    }

    public GrpcChannel Gateway { get; private set; } = null!;

    /// <summary>A bearer token of its issuer for a subject.</summary>
    public CallOptions As(string subject) => new(new Metadata { { "authorization", "Bearer " + Token(subject) } });

    public string Token(string subject) => _issuer.Mint(subject, TimeSpan.FromMinutes(10));

    /// <summary>
    /// A channel to <paramref name="address"/> presenting the client certificate of one of its own
    /// pieces (as that piece calls its peers: mutual TLS), the server checked against <paramref name="serverCa"/>.
    /// </summary>
    public GrpcChannel ChannelAs(string piece, string address, string serverCa)
    {
        var certificates = Stack.Certificates ?? throw new InvalidOperationException("the organisation runs without TLS");
        var tls = new TlsOptions { CertificateFile = certificates.CertificateFile(piece), KeyFile = certificates.KeyFile(piece), CaFile = serverCa };
        var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { SslOptions = TlsFiles.ClientOptions(tls) },
            DisposeHttpClient = true,
        });
        _channels.Add(channel);
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _issuer.Dispose();
    }

    private LocalStack Plan(IReadOnlyList<string> trustedCaFiles, IReadOnlyDictionary<string, string> settings, IReadOnlyCollection<string> services) => new(new LocalStackOptions
    {
        DataDirectory = DataDirectory,
        Services = services,
        Ports = Ports,
        Address = Address,
        Organisation = Name,
        TrustedCaFiles = trustedCaFiles,
        Output = Output.Enqueue,
        StartTimeout = TimeSpan.FromSeconds(180),
        Settings = settings,
    });
}
