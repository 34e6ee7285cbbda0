using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Web.Tests.Infrastructure;

/// <summary>Refusals shaped as the services' exception interceptor shapes them.</summary>
public static class Refusals
{
    public static RpcException Rule(Code code, string ruleId, string message, string? subject = null)
    {
        var failure = new PreconditionFailure();
        failure.Violations.Add(new PreconditionFailure.Types.Violation { Type = ruleId, Subject = subject ?? string.Empty, Description = message });
        var status = new Google.Rpc.Status
        {
            Code = (int)code,
            Message = message,
            Details =
            {
                Any.Pack(new ErrorInfo { Reason = ruleId.Replace('-', '_'), Domain = "clspd", Metadata = { ["rule_id"] = ruleId } }),
                Any.Pack(failure),
            },
        };
        return status.ToRpcException();
    }

    public static RpcException NotFound(string message) =>
        new Google.Rpc.Status { Code = (int)Code.NotFound, Message = message }.ToRpcException();
}
