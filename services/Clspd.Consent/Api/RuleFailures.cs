using Clspd.ServiceDefaults.Errors;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace Clspd.Consent.Api;

/// <summary>
/// A rule refusal with several violations (e.g. every missing notice item, CON-1): FailedPrecondition
/// with the same ErrorInfo as <see cref="RuleViolationException"/> and one PreconditionFailure
/// violation per item. (The shared exception carries only one violation.)
/// </summary>
internal static class RuleFailures
{
    public static RpcException FailedPrecondition(string ruleId, string description, IEnumerable<(string Subject, string Description)> violations)
    {
        var failure = new PreconditionFailure();
        foreach (var (subject, text) in violations)
        {
            failure.Violations.Add(new PreconditionFailure.Types.Violation { Type = ruleId, Subject = subject, Description = text });
        }

        var status = new Google.Rpc.Status { Code = (int)Code.FailedPrecondition, Message = $"{ruleId}: {description}" };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = ruleId.Replace('-', '_'), Domain = ExceptionInterceptor.ErrorDomain, Metadata = { ["rule_id"] = ruleId } }));
        status.Details.Add(Any.Pack(failure));
        return status.ToRpcException();
    }
}
