using Clspd.Gateway.Configuration;
using Clspd.ServiceDefaults;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace Clspd.Gateway.Health;

/// <summary>Asks every deployed backend its own <c>grpc.health.v1</c> status, in parallel, with a short deadline.</summary>
public sealed class BackendHealthProbe : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly IReadOnlyList<(Backend Backend, GrpcChannel Channel)> _backends;

    public BackendHealthProbe(IOptions<GatewayOptions> options, IOptions<TlsOptions> tls)
    {
        _timeout = options.Value.BackendHealthTimeout;
        _backends = [.. options.Value.DeployedBackends().Select(b => (b, Channel(b.Address, tls.Value)))];
    }

    // An https:// backend is asked as calls are forwarded to it: over mutual TLS, its certificate checked against Tls:CaFile.
    private static GrpcChannel Channel(Uri address, TlsOptions tls)
    {
        if (address.Scheme != Uri.UriSchemeHttps || !tls.Configured)
        {
            return GrpcChannel.ForAddress(address);
        }

        var handler = new SocketsHttpHandler { SslOptions = TlsFiles.ClientOptions(tls) };
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    public async Task<IReadOnlyList<BackendStatus>> CheckAllAsync(CancellationToken cancellationToken)
    {
        return await Task.WhenAll(_backends.Select(b => CheckAsync(b.Backend, b.Channel, cancellationToken)));
    }

    private async Task<BackendStatus> CheckAsync(Backend backend, GrpcChannel channel, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(),
                deadline: DateTime.UtcNow + _timeout, cancellationToken: cancellationToken);
            var serving = reply.Status == HealthCheckResponse.Types.ServingStatus.Serving;
            return new BackendStatus(backend.Name, backend.Address, serving, reply.Status.ToString().ToUpperInvariant());
        }
        catch (RpcException e)
        {
            return new BackendStatus(backend.Name, backend.Address, false, $"unreachable ({e.StatusCode}: {e.Status.Detail})");
        }
    }

    public void Dispose()
    {
        foreach (var (_, channel) in _backends)
        {
            channel.Dispose();
        }
    }
}
