using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Clspd.Local;

/// <summary>One <c>grpc.health.v1</c> check against an address, reduced to serving or not and why.</summary>
public static class HealthProbe
{
    public static async Task<(bool Serving, string Detail)> CheckAsync(GrpcChannel channel, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(),
                deadline: DateTime.UtcNow + timeout, cancellationToken: cancellationToken);
            return (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving, reply.Status.ToString().ToUpperInvariant());
        }
        catch (RpcException e)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return (false, $"unreachable ({e.StatusCode})");
        }
    }

    public static async Task<(bool Serving, string Detail)> CheckAsync(Uri address, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var channel = GrpcChannel.ForAddress(address);
        return await CheckAsync(channel, timeout, cancellationToken);
    }
}
