using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Clspd.Gateway.Tests.Infrastructure;

/// <summary>
/// Raw-bytes unary methods the test backends serve under every <c>clspd.{service}.v1</c> package,
/// so the tests do not depend on the services' real RPCs.
/// </summary>
public static class ProbeMethods
{
    public static readonly IReadOnlyList<string> Packages = ["registry", "consent", "records", "access"];

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    /// <summary>Returns the request bytes; the response header <c>x-seen-authorization</c> echoes the authorization header the backend received.</summary>
    public static Method<byte[], byte[]> Echo(string service) => Of($"clspd.{service}.v1.Probe", "Echo");

    /// <summary>Always fails with FailedPrecondition "TEST-1: ...".</summary>
    public static Method<byte[], byte[]> Fail(string service) => Of($"clspd.{service}.v1.Probe", "Fail");

    /// <summary>Always fails with the backend's own Unauthenticated "TEST-2: ...".</summary>
    public static Method<byte[], byte[]> Refuse(string service) => Of($"clspd.{service}.v1.Probe", "Refuse");

    /// <summary>The client's side of <see cref="ParseTimestamp"/>: any bytes may be sent.</summary>
    public static Method<byte[], byte[]> Parse(string service) => Of($"clspd.{service}.v1.Probe", "Parse");

    /// <summary>The server's side: a real protobuf request (<see cref="Timestamp"/>), parsed before the method runs; returns it.</summary>
    public static Method<Timestamp, Timestamp> ParseTimestamp(string service) => new(
        MethodType.Unary, $"clspd.{service}.v1.Probe", "Parse",
        Marshallers.Create<Timestamp>(t => t.ToByteArray(), Timestamp.Parser.ParseFrom), Marshallers.Create<Timestamp>(t => t.ToByteArray(), Timestamp.Parser.ParseFrom));

    /// <summary>Client streaming: reads every message of the stream, returns how many bytes came.</summary>
    public static Method<byte[], byte[]> Collect(string service) => new(MethodType.ClientStreaming, $"clspd.{service}.v1.Probe", "Collect", Bytes, Bytes);

    public static Method<byte[], byte[]> Of(string fullServiceName, string method) =>
        new(MethodType.Unary, fullServiceName, method, Bytes, Bytes);
}
