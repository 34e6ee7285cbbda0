using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Clspd.Gateway.Tests.Infrastructure;

/// <summary>The test backends' gRPC service: echoes, or fails with a known status, in every clspd package.</summary>
public sealed class ProbeService(TestBackend backend) : ProbeServiceBase
{
    public const string FailMessage = "TEST-1: the backend refused this call";

    public const string RefuseMessage = "TEST-2: the backend does not know this caller";

    public override async Task<byte[]> Echo(byte[] request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seen = backend.Saw(context);
        await context.WriteResponseHeadersAsync(new Metadata { { "x-seen-authorization", seen } });
        return request;
    }

    public override Task<Timestamp> Parse(Timestamp request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        backend.Saw(context);
        return Task.FromResult(request);
    }

    public override async Task<byte[]> Collect(IAsyncStreamReader<byte[]> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        backend.Saw(context);
        var total = 0;
        await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
        {
            total += message.Length;
        }

        return BitConverter.GetBytes(total);
    }

    public override Task<byte[]> Fail(byte[] request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        backend.Saw(context);
        throw new RpcException(new Status(StatusCode.FailedPrecondition, FailMessage));
    }

    public override Task<byte[]> Refuse(byte[] request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        backend.Saw(context);
        throw new RpcException(new Status(StatusCode.Unauthenticated, RefuseMessage));
    }
}
