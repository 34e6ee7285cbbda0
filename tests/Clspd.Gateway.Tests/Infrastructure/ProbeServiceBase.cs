using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Clspd.Gateway.Tests.Infrastructure;

/// <summary>
/// What generated code would be for the probe methods: grpc-dotnet binds the overrides of these
/// virtual methods, found by name, for every method added in <see cref="BindService"/>.
/// </summary>
[BindServiceMethod(typeof(ProbeServiceBase), nameof(BindService))]
public abstract class ProbeServiceBase
{
    public static void BindService(ServiceBinderBase binder, ProbeServiceBase? service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        foreach (var package in ProbeMethods.Packages)
        {
            binder.AddMethod(ProbeMethods.Echo(package), service is null ? null : service.Echo);
            binder.AddMethod(ProbeMethods.Fail(package), service is null ? null : service.Fail);
            binder.AddMethod(ProbeMethods.Refuse(package), service is null ? null : service.Refuse);
            binder.AddMethod(ProbeMethods.ParseTimestamp(package), service is null ? null : service.Parse);
            binder.AddMethod(ProbeMethods.Collect(package), service is null ? null : service.Collect);
        }
    }

    public virtual Task<byte[]> Echo(byte[] request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, nameof(Echo)));

    public virtual Task<byte[]> Fail(byte[] request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, nameof(Fail)));

    public virtual Task<byte[]> Refuse(byte[] request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, nameof(Refuse)));

    public virtual Task<Timestamp> Parse(Timestamp request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, nameof(Parse)));

    public virtual Task<byte[]> Collect(IAsyncStreamReader<byte[]> requestStream, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, nameof(Collect)));
}
