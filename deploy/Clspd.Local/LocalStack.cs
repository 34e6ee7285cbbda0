using System.Diagnostics.CodeAnalysis;
using Clspd.Local.SignIn;
using Clspd.ServiceDefaults;
using Clspd.ServiceDefaults.Auth;
using Clspd.ServiceDefaults.Data;
using Clspd.ServiceDefaults.Files;
using Grpc.Net.Client;

namespace Clspd.Local;

/// <summary>
/// The whole stack as child processes on loopback: the chosen services, then the gateway routing
/// only to them. <see cref="StartAsync"/> returns once the gateway reports SERVING (so every chosen
/// service does); <see cref="DisposeAsync"/> stops every process. A child that exits on its own is
/// reported and brings the rest down (<see cref="Completion"/>).
/// </summary>
/// <example>
/// <code>
/// await using var stack = new LocalStack(new LocalStackOptions { DataDirectory = dir, Services = ["registry"], Ports = StackPorts.Free() });
/// await stack.StartAsync();
/// using var channel = GrpcChannel.ForAddress(stack.GatewayAddress);
/// </code>
/// </example>
[SuppressMessage("Naming", "CA1711", Justification = "A stack of service processes, not a Stack<T> collection.")]
public sealed class LocalStack : IAsyncDisposable
{
    /// <summary>The access service's audit checkpoint key, in the data directory (owner-only).</summary>
    public const string AuditCheckpointKeyFileName = "access-checkpoint.pem";

    // Longer than the gateway's own deadline on each backend, so that its answer is not cut short.
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);
    private readonly LocalStackOptions _options;
    private readonly List<ChildProcess> _children = [];
    private readonly TaskCompletionSource<ChildExit?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopFollowing = new();
    private Task? _stopping;
    private SignInProvider? _signIn;
    private Task _following = Task.CompletedTask;

    public LocalStack(LocalStackOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var unknown = options.Services.Except(StackCatalog.Services, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown service(s): {string.Join(", ", unknown)}; known: {string.Join(", ", StackCatalog.Services)}", nameof(options));
        }

        _options = options;
        DataDirectory = Path.GetFullPath(options.DataDirectory);
        Services = [.. StackCatalog.Services.Where(options.Services.Contains)];
    }

    /// <summary>The absolute data directory passed to every child.</summary>
    public string DataDirectory { get; }

    /// <summary>The services this stack runs, in start order.</summary>
    public IReadOnlyList<string> Services { get; }

    public Uri GatewayAddress => AddressOf(StackCatalog.Gateway);

    /// <summary>The gateway's JSON listener: the JSON paths (<c>/v1/...</c>) over HTTP/1.1, cleartext on loopback.</summary>
    public Uri GatewayJsonAddress => new($"http://127.0.0.1:{_options.Ports.GatewayJson}");

    /// <summary>
    /// The gateway's listener for partners over TLS (gRPC and JSON, HTTP/2 or HTTP/1.1), serving the gateway's certificate
    /// of the development CA, no client certificate asked of partners; null with <see cref="LocalStackOptions.InsecureLoopback"/>.
    /// </summary>
    public Uri? GatewayTlsAddress => UsesTls ? new($"https://{_options.Address}:{_options.Ports.GatewayTls}") : null;

    /// <summary>The development sign-in (OpenID Connect provider, loopback only), the console's authority.</summary>
    public Uri SignInAddress => new($"http://{_options.Address}:{_options.Ports.SignIn}");

    /// <summary>Where the web console is served (cleartext on loopback).</summary>
    public Uri WebAddress => new($"http://{_options.Address}:{_options.Ports.Web}");

    /// <summary>The registry's participants offered on the sign-in page (followed while the stack runs).</summary>
    public RegistryParticipants Participants { get; } = new();

    /// <summary>The process id of each running piece, by name (gateway included).</summary>
    public IReadOnlyDictionary<string, int> ProcessIds
    {
        get
        {
            lock (_gate)
            {
                return _children.ToDictionary(c => c.Name, c => c.ProcessId);
            }
        }
    }

    /// <summary>
    /// Completes once the stack is down: with the child that exited on its own (the others were then
    /// stopped), or null when it was stopped on request.
    /// </summary>
    public Task<ChildExit?> Completion => _completion.Task;

    /// <summary>Whether the services run TLS and mutual TLS (the default), or h2c (<see cref="LocalStackOptions.InsecureLoopback"/>).</summary>
    public bool UsesTls => !_options.InsecureLoopback;

    /// <summary>
    /// The development CA and certificates (in the data directory's <c>tls/</c> folder), once
    /// <see cref="StartAsync"/> has made or checked them; null with <see cref="LocalStackOptions.InsecureLoopback"/>.
    /// </summary>
    public DevelopmentCertificates? Certificates { get; private set; }

    public Uri AddressOf(string name) => new(EndpointOf(name));

    /// <summary>
    /// The address as configuration and people write it, without the trailing slash: https:// for a
    /// service of a TLS stack, http:// (h2c on loopback) for the gateway and in the insecure mode.
    /// </summary>
    public string EndpointOf(string name) =>
        $"{(UsesTls && name is not (StackCatalog.Gateway or StackCatalog.Web) ? "https" : "http")}://{_options.Address}:{_options.Ports.Of(name)}";

    /// <summary>
    /// A channel to one piece, as a tool calling it directly would open it: over TLS, checking the
    /// development CA and presenting the client certificate of <paramref name="presenting"/> (by default
    /// <see cref="DevelopmentCertificates.Operator"/>; a service's name to call as that service, mutual TLS),
    /// while a bearer token still says who calls; h2c in the insecure mode.
    /// </summary>
    public GrpcChannel CreateChannel(string name, string presenting = DevelopmentCertificates.Operator)
    {
        var address = AddressOf(name);
        if (address.Scheme != Uri.UriSchemeHttps)
        {
            return GrpcChannel.ForAddress(address);
        }

        var certificates = Certificates ?? throw new InvalidOperationException("the stack's certificates are made by StartAsync");
        var handler = new SocketsHttpHandler { SslOptions = TlsFiles.ClientOptions(certificates.For(presenting)) };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    /// <summary>
    /// A partner's channel to the gateway: over TLS to <see cref="GatewayTlsAddress"/>, its certificate checked against the
    /// development CA and none presented (partners authenticate with their token); h2c in the insecure mode.
    /// </summary>
    public GrpcChannel CreatePartnerChannel()
    {
        if (GatewayTlsAddress is not { } address)
        {
            return GrpcChannel.ForAddress(GatewayAddress);
        }

        var certificates = Certificates ?? throw new InvalidOperationException("the stack's certificates are made by StartAsync");
        var handler = new SocketsHttpHandler { SslOptions = TlsFiles.ServerCheckOptions(certificates.CaFile) };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    /// <summary>Starts every piece and waits until the gateway reports SERVING; on failure, stops everything and throws <see cref="LocalStackException"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        LocalIssuer.EnsureCreated(DataDirectory).Dispose();
        if (UsesTls)
        {
            Certificates = PrepareCertificates();
            if (_options.TrustedCaFiles.Count > 0)
            {
                // Its own CA and the other organisations' ones, in one bundle (Tls:CaFile).
                OwnerOnly.WriteAllText(TrustedCaFile,
                    string.Concat(_options.TrustedCaFiles.Prepend(Certificates.CaFile).Select(f => File.ReadAllText(f).TrimEnd() + "\n")));
            }
        }

        var host = _options.DotnetHost ?? DotnetHost.Resolve();
        try
        {
            foreach (var service in Services)
            {
                Launch(service, host, ServiceEnvironment(service));
            }

            Launch(StackCatalog.Gateway, host, GatewayEnvironment());
            await WaitServingAsync(cancellationToken);
            await StartSignInAsync(cancellationToken);
            Launch(StackCatalog.Web, host, WebEnvironment());
            await WaitWebAsync(cancellationToken);
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    private async Task StartSignInAsync(CancellationToken cancellationToken)
    {
        var provider = await SignInProvider.StartAsync(new SignInProviderOptions
        {
            Listen = SignInAddress,
            DataDirectory = DataDirectory,
            // The callbacks of the console's OpenID Connect handler (its default paths).
            RedirectUri = new Uri(WebAddress, "signin-oidc"),
            PostLogoutRedirectUri = new Uri(WebAddress, "signout-callback-oidc"),
            Subjects = () => Participants.Current,
        }, cancellationToken);
        lock (_gate)
        {
            _signIn = provider;
            if (Services.Contains("registry"))
            {
                // The registry's change feed is granted to the access service only: read as that service (its certificate and identity).
                var signer = LocalIssuer.Load(Path.Combine(DataDirectory, LocalIssuer.PrivateKeyFileName));
                _following = FollowParticipantsAsync(signer);
            }
        }

        _options.Output($"[local] {StackPorts.SignInName} started on {SignInAddress} (development sign-in, loopback only)");
    }

    private async Task FollowParticipantsAsync(LocalIssuer signer)
    {
        using (signer)
        {
            await Participants.FollowAsync(() => CreateChannel("registry", "access"), () => signer.Mint("svc:access", TimeSpan.FromMinutes(30)),
                TimeSpan.FromSeconds(1), _stopFollowing.Token);
        }
    }

    /// <summary>
    /// Makes (or checks) the development CA and the certificates of every piece, for this stack's
    /// organisation and address, without starting anything: another stack of a federation can then be
    /// told to trust this one's CA (<see cref="LocalStackOptions.TrustedCaFiles"/>) before either starts.
    /// </summary>
    public DevelopmentCertificates PrepareCertificates() =>
        DevelopmentCertificates.EnsureCreated(DataDirectory,
            [.. StackCatalog.Services, StackCatalog.Gateway, DevelopmentCertificates.Operator], _options.Clock, _options.Organisation, _options.Address);

    /// <summary>The CA bundle its pieces trust when <see cref="LocalStackOptions.TrustedCaFiles"/> names other CAs.</summary>
    private string TrustedCaFile => Path.Combine(DataDirectory, DevelopmentCertificates.DirectoryName, "trusted.pem");

    /// <summary>Stops every child (SIGTERM, then kill after the stop timeout). Safe to call more than once.</summary>
    public Task StopAsync()
    {
        lock (_gate)
        {
            return _stopping ??= StopCoreAsync(null);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Launch(string name, string host, Dictionary<string, string> environment)
    {
        var dll = StackCatalog.DllPath(name);
        foreach (var (key, value) in _options.Settings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        lock (_gate)
        {
            if (_stopping is not null)
            {
                throw new LocalStackException($"the stack is stopping; {name} was not started");
            }

            var child = ChildProcess.Start(name, host, dll, environment, _options.Output, _options.TailLines);
            _children.Add(child);
            _options.Output($"[local] {name} started on {EndpointOf(name)} (pid {child.ProcessId})");
            _ = WatchAsync(child);
        }
    }

    private async Task WatchAsync(ChildProcess child)
    {
        var code = await child.Exited;
        Task stopping;
        lock (_gate)
        {
            if (_stopping is not null)
            {
                return;
            }

            var exit = child.ExitOf(code);
            _options.Output($"[local] {exit}; stopping the stack");
            stopping = _stopping = StopCoreAsync(exit);
        }

        await stopping;
    }

    private async Task StopCoreAsync(ChildExit? cause)
    {
        List<ChildProcess> children;
        lock (_gate)
        {
            children = [.. _children];
        }

        await _stopFollowing.CancelAsync();
        await _following;
        SignInProvider? signIn;
        lock (_gate)
        {
            signIn = _signIn;
        }

        if (signIn is not null)
        {
            await signIn.DisposeAsync();
        }

        // The gateway first, so that nothing is routed to a service going away.
        children.Reverse();
        await Task.WhenAll(children.Select(c => c.StopAsync(_options.StopTimeout)));
        children.ForEach(c => c.Dispose());
        _completion.TrySetResult(cause);
    }

    private async Task WaitServingAsync(CancellationToken cancellationToken)
    {
        using var channel = GrpcChannel.ForAddress(GatewayAddress);
        var giveUp = DateTime.UtcNow + _options.StartTimeout;
        while (true)
        {
            if (Completion.IsCompleted)
            {
                throw await Completion is { } exit
                    ? new LocalStackException($"the stack went down during start-up: {exit.Describe()}", exit)
                    : new LocalStackException("the stack was stopped during start-up");
            }

            var (serving, _) = await HealthProbe.CheckAsync(channel, ProbeTimeout, cancellationToken);
            if (serving)
            {
                return;
            }

            if (DateTime.UtcNow > giveUp)
            {
                throw new LocalStackException(
                    $"the gateway did not report SERVING within {_options.StartTimeout.TotalSeconds:0} s; {await DescribeAsync(cancellationToken)}");
            }

            await Task.WhenAny(Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken), Completion);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        var names = Services.Append(StackCatalog.Gateway).ToList();
        var checks = await Task.WhenAll(names.Select(async n =>
        {
            using var channel = CreateChannel(n);
            return await HealthProbe.CheckAsync(channel, ProbeTimeout, cancellationToken);
        }));
        var failing = names.Zip(checks).Where(x => !x.Second.Serving).Select(x => $"{x.First} at {EndpointOf(x.First)}: {x.Second.Detail}").ToList();
        return failing.Count == 0 ? "every piece answers SERVING now" : "not serving: " + string.Join("; ", failing);
    }

    private Dictionary<string, string> CommonEnvironment(string name)
    {
        var environment = new Dictionary<string, string>
        {
            [$"{ServiceOptions.Section}__Listen"] = EndpointOf(name),
            ["Auth__IssuerKeyFile"] = Path.Combine(DataDirectory, LocalIssuer.PublicKeyFileName),
            [ParentProcessWatcher.Variable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (Certificates is { } certificates)
        {
            // Its own certificate (served, and presented to its peers: mutual TLS) and the CA it trusts.
            var tls = certificates.For(name);
            environment[$"{TlsOptions.Section}__{nameof(TlsOptions.CertificateFile)}"] = tls.CertificateFile!;
            environment[$"{TlsOptions.Section}__{nameof(TlsOptions.KeyFile)}"] = tls.KeyFile!;
            environment[$"{TlsOptions.Section}__{nameof(TlsOptions.CaFile)}"] = _options.TrustedCaFiles.Count > 0 ? TrustedCaFile : tls.CaFile!;
        }

        return environment;
    }

    private Dictionary<string, string> ServiceEnvironment(string name)
    {
        var environment = CommonEnvironment(name);
        environment["Database__DataDirectory"] = DataDirectory;
        if (_options.DatabaseProvider != DatabaseProvider.Sqlite)
        {
            environment["Database__Provider"] = _options.DatabaseProvider.ToString();
            environment["Database__ConnectionString"] = (_options.ConnectionString ?? string.Empty).Replace("{service}", name, StringComparison.Ordinal);
            environment["Database__EnsureDatabase"] = "true";
        }

        environment["Auth__BootstrapAdmins__0"] = "admin";
        environment["ServiceAuth__SigningKeyFile"] = Path.Combine(DataDirectory, LocalIssuer.PrivateKeyFileName);
        if (name == "access")
        {
            // The key that signs the audit trail's checkpoints, created owner-only in the data directory on first start.
            environment["Access__Audit__CheckpointKeyFile"] = Path.Combine(DataDirectory, AuditCheckpointKeyFileName);
            environment["Access__Audit__CreateCheckpointKeyIfMissing"] = "true";
        }

        foreach (var other in StackCatalog.Services)
        {
            environment[$"Services__{char.ToUpperInvariant(other[0])}{other[1..]}"] = EndpointOf(other);
        }

        if (name == "records")
        {
            // Only the local stack creates a master key; a deployment stops at start-up without its key file.
            environment["Records__CreateMasterKeyIfMissing"] = "true";
        }

        return environment;
    }

    // The console: signs people in at the development sign-in, calls the gateway with their tokens.
    private Dictionary<string, string> WebEnvironment()
    {
        var environment = new Dictionary<string, string>
        {
            ["Web__Listen"] = WebAddress.ToString().TrimEnd('/'),
            ["Web__Authority"] = SignInAddress.ToString().TrimEnd('/'),
            ["Web__Gateway"] = GatewayAddress.ToString().TrimEnd('/'),
            [ParentProcessWatcher.Variable] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (StackCatalog.WebRoot is { } webRoot)
        {
            environment["ASPNETCORE_WEBROOT"] = webRoot;
        }

        return environment;
    }

    // The console answers (a redirect to the sign-in for /) once it listens.
    private async Task WaitWebAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = ProbeTimeout };
        var giveUp = DateTime.UtcNow + _options.StartTimeout;
        while (true)
        {
            if (Completion.IsCompleted)
            {
                throw await Completion is { } exit
                    ? new LocalStackException($"the stack went down during start-up: {exit.Describe()}", exit)
                    : new LocalStackException("the stack was stopped during start-up");
            }

            try
            {
                using var answer = await http.GetAsync(WebAddress, cancellationToken);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > giveUp)
            {
                throw new LocalStackException($"the web console did not answer on {WebAddress} within {_options.StartTimeout.TotalSeconds:0} s");
            }

            await Task.WhenAny(Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken), Completion);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private Dictionary<string, string> GatewayEnvironment()
    {
        var environment = CommonEnvironment(StackCatalog.Gateway);
        environment["Gateway__JsonListen"] = GatewayJsonAddress.ToString().TrimEnd('/');
        if (GatewayTlsAddress is { } partners)
        {
            environment["Gateway__TlsListen"] = partners.ToString().TrimEnd('/');
        }
        foreach (var service in StackCatalog.Services)
        {
            // An empty address means "not deployed": the gateway answers Unimplemented for it.
            environment[$"Gateway__Backends__{service}"] = Services.Contains(service) ? EndpointOf(service) : string.Empty;
        }

        return environment;
    }
}
